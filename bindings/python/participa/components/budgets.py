"""The budgets component: budgets with projects, orders checked out under a frozen ballot rule,
and the selection by a pb rule.

Payloads (``BudgetAdded``, ``ProjectAdded``, ``OrderChanged``, ``OrderCheckedOut``, ...) are
executed with the component's id:

    ledger.execute(budgets.OrderChanged(budget=b, project=p), actor=ana, component=c)

``state_of(organization, component)`` is the component's state as the record folds it;
``election_of(budget)`` its checked-out orders as a ``pb.Election``. ``projects_frame`` and
``orders_frame`` give them as pandas DataFrames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from .. import _core
from .._reexport import reexport

__all__ = reexport(_core.budgets, globals(), __name__)


def projects_frame(organization: Any, component: str) -> pandas.DataFrame:
    """Every project of every budget of the component, indexed by project id: budget, title,
    cost, category, heading (its title; None in a budget without headings), incompatible,
    votes (checked-out orders holding it), selected (None until a selection is recorded) and
    computed (what the selection's rule chose)."""
    import pandas as pd

    state = state_of(organization, component)
    rows = []
    for budget_id in state.added:
        budget = state.budgets[budget_id]
        votes = {p.id: 0 for p in budget.projects}
        for order in budget.orders.values():
            if order.checked_out:
                for project in order.projects:
                    votes[project] += 1
        selection = budget.selection
        headings = {h.id: h.title for h in budget.headings}
        for p in budget.projects:
            rows.append({"id": p.id, "budget": budget_id, "title": p.title, "cost": p.cost,
                         "category": p.category, "heading": headings.get(p.heading),
                         "incompatible": p.incompatible, "votes": votes[p.id],
                         "selected": None if selection is None else p.id in selection.selected,
                         "computed": None if selection is None else p.id in selection.computed})
    columns = ["id", "budget", "title", "cost", "category", "heading", "incompatible", "votes",
               "selected", "computed"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def orders_frame(organization: Any, component: str) -> pandas.DataFrame:
    """One row per order and project: budget, participant, project, checked_out, channel (of
    the checkout), station (the polling station's name; None elsewhere) and checked_out_at."""
    import pandas as pd

    state = state_of(organization, component)
    stations = {s.id: s.name for s in state.stations}
    rows = [{"budget": budget_id, "participant": who, "project": project,
             "checked_out": order.checked_out, "channel": order.channel.name,
             "station": stations.get(order.station), "checked_out_at": order.checked_out_at}
            for budget_id in state.added
            for who, order in state.budgets[budget_id].orders.items()
            for project in order.projects]
    return pd.DataFrame(rows, columns=["budget", "participant", "project", "checked_out",
                                       "channel", "station", "checked_out_at"])


__all__ += ["projects_frame", "orders_frame"]
