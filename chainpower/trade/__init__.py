"""Trade layer: value-added networks and hubs, interdependence, intra-industry trade, screens.

Modules (import them directly; names are also re-exported lazily by ``chainpower``):

- ``networks``: value-added trade networks per trade type and year, edge rules;
- ``hubs``: supply and demand hubs, centralities, the edge-rule sensitivity table;
- ``interdependence``: the weighted China–US (any pair) interdependence index;
- ``intra_industry``: Grubel–Lloyd indices at product and at MRIO-sector level;
- ``network_figures``: the network, hub-shift and interactive figures.
- ``flows``: ``TradeFlows``, the validated product-level flow frame (BACI, Comext, Comtrade);
- ``concentration``: shares, HHI, top-k suppliers (pure array functions);
- ``screens``, ``screen_rules``, ``screen_result``: dependency screens with rules as data
  (presets ``rules/eu2021.yaml``, ``rules/geodep.yaml``);
- ``minerals``: production concentration by stage, the CRMA 65 % check;
  ``criticality``: JRC EI / SR;
- ``chokepoints``: betweenness, single points of failure, export-side dependence;
- ``friendshoring``: supply shares from friends over time;
- ``source_compare``: BACI vs Comext on overlapping products;
- ``dependency_figures``, ``dependency_results``: figures and results of the above.
"""
