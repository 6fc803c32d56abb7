"""Reports from the event index: the replayed platform state (``model``), a root's
credit-penetration tree (``tree``), portfolios, aging per obligor, financing cost per SME and
platform totals. Each report is a dataclass with a ``text()`` rendering."""
