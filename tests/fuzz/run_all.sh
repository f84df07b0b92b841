#!/usr/bin/env bash
# Runs every fuzz target briefly, seeded from the conformance data; a crash fails the run
# and leaves its reproducer in build/fuzz/crashes/. Usage: tests/fuzz/run_all.sh SECONDS
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
conformance=tests/data/conformance
bin=build/fuzz/tests/fuzz
work=build/fuzz/corpus
mkdir -p build/fuzz/crashes
seed() {  # seed TARGET FILES...
  local dir="$work/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/" 2>/dev/null || true; done
}
seed preflib_fuzz "$conformance"/preflib/preflib_data/* "$conformance"/preflib/pref_voting_condorcet_examples/minimal_B*.soc
seed blt_fuzz "$conformance"/stv/droop/blt/*.blt "$conformance"/stv/droop/blt/{meek,mpls,qpq,cfer}/*.blt
seed stv_fuzz "$conformance"/stv/droop/blt/*.blt "$conformance"/stv/droop/blt/{meek,mpls,qpq,cfer}/*.blt \
  tests/fuzz/seeds/stv/*
seed ranked_csv_fuzz tests/data/bad/*
seed xlsx_fuzz "$conformance"/rctab/_shared/simple_ess_cvr.xlsx "$conformance"/rctab/test_set_allow_only_one_winner_per_round/*.xlsx
seed profile_json_fuzz tests/fuzz/seeds/profile_json/*
seed result_json_fuzz tests/fuzz/seeds/result_json/*
seed profile_bytes_fuzz
seed result_bytes_fuzz
seed rctab_config_fuzz "$conformance"/rctab/test_set_0_skipped_first_choice/*_config.json "$conformance"/rctab/2015_portland_mayor/*_config.json
seed rctab_cvr_fuzz "$conformance"/rctab/test_set_1_exhaust_at_overvote/*_cvr.json "$conformance"/rctab/generic_csv_test/*_cvr.csv
seed pabulib_fuzz "$conformance"/pabulib/Netherlands_Amsterdam_643.pb "$conformance"/pabulib/Worldwide_Mechanical_Turk_*.pb \
  tests/fuzz/seeds/pabulib/*
seed event_fuzz tests/fuzz/seeds/event/*
seed record_file_fuzz tests/fuzz/seeds/record/*
seed snapshot_fuzz tests/fuzz/seeds/snapshot/*
seed questionnaire_form_fuzz tests/fuzz/seeds/questionnaire_form/*
seed questionnaire_responses_fuzz tests/fuzz/seeds/questionnaire_responses/*
for target in preflib_fuzz blt_fuzz ranked_csv_fuzz xlsx_fuzz profile_json_fuzz profile_bytes_fuzz \
              result_json_fuzz result_bytes_fuzz rctab_config_fuzz rctab_cvr_fuzz pabulib_fuzz \
              event_fuzz record_file_fuzz snapshot_fuzz questionnaire_form_fuzz \
              questionnaire_responses_fuzz stv_fuzz; do
  echo "== $target (${seconds}s)"
  log="build/fuzz/$target.log"
  status=0
  "$bin/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -artifact_prefix=build/fuzz/crashes/"$target"- -print_final_stats=1 "$work/$target" \
      > "$log" 2>&1 || status=$?
  grep -E "^(Done|==[0-9]+==ERROR|SUMMARY)" "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "$target failed (exit $status); see $log and build/fuzz/crashes/" >&2
    exit 1
  fi
done
