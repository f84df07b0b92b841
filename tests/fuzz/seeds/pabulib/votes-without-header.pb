META
key;value
description;Buurtbudget Sloterdijk
country;Netherlands
unit;Amsterdam
district;NieuwV-West
instance;286
num_projecbudgetnum_votes;66
budget;5720
vote_type;choose-1
rule;greedy
date_begin;2022
date_end;2022
min_length;1
max_length;1
language;nat fit within leftover budget ordered by score
PROJECTS
project_id;cost;votes;name;category
88502;5000;40;Bloementuineondom afvalbakken;Groen
44250;2000;21;Gratis bokszakken in de buurt;Openbare ruimte#
44252;2000;5;Sessies schilderen op huid;Overig
VOTES