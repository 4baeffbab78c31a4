# ruff: noqa: E501  (a data table: one entry a line reads best)
"""Static entries of :mod:`chainpower.data.catalogue`, one tuple a line:

``(name, family, kind, unit, label, definition, source, aliases)``

Units: ``USD million`` for flows in the table's unit, ``share`` for fractions, ``stages`` for
production lengths, ``""`` for unit-less indices and counts. Sources cite paper and equation.
"""

from __future__ import annotations

_M = "USD million"
_WA = "Wang, Wei, Yu & Zhu 2017a (NBER w23222)"
_WB = "Wang, Wei, Yu & Zhu 2017b (NBER w23261)"
_KWW = "Koopman, Powers, Wang & Wei 2010 (NBER w16426), section 5; KWW 2014 AER eq. (36)"
_BM = "Borin & Mancini 2023 (World Bank WP 8804 / ADB GVC report), section 5"
_TIVA = "OECD TiVA 2023 indicator definitions; Koopman, Wang & Wei 2014, section I"
_JN = "Johnson & Noguera 2012, JIE 86(2)"
_BSV = "Bailey, Strezhnev & Voeten 2017, JCR 61(2); paper 000 (methods.md)"
_P002 = "paper 002 (methods.md), typology of US-led alliances; chainpower.alliances.exposure"

ENTRIES: list[tuple[str, str, str, str, str, str, str, tuple[str, ...]]] = [
    # --- WWYZ production-based (gvc/production.py) ---------------------------------------------
    ("wwyz_va", "wwyz", "level", _M, "value added (forward total)", "V̂BY1: value added of the country-sector", f"{_WA}, section 2.1", ()),
    ("wwyz_v_d", "wwyz", "level", _M, "V_D: domestic value added, no trade", "V̂LY^D", f"{_WA}, section 2.1", ()),
    ("wwyz_v_rt", "wwyz", "level", _M, "V_RT: traditional trade (forward)", "V̂LY^F: value added in final-goods exports", f"{_WA}, section 2.1", ()),
    ("wwyz_v_gvc_s", "wwyz", "level", _M, "V_GVC_S: simple GVC (forward)", "V̂LA^F LY^D row sums", f"{_WA}, section 2.1", ()),
    ("wwyz_v_gvc_c", "wwyz", "level", _M, "V_GVC_C: complex GVC (forward)", "V̂LA^F (BY − LY^D) row sums", f"{_WA}, section 2.1", ()),
    ("wwyz_v_gvc", "wwyz", "level", _M, "V_GVC: GVC value added (forward)", "V̂LA^F BY row sums", f"{_WA}, section 2.1", ()),
    ("wwyz_y", "wwyz", "level", _M, "final goods production (backward total)", "1'V̂BŶ", f"{_WA}, section 2.1", ()),
    ("wwyz_y_d", "wwyz", "level", _M, "Y_D: domestic, no trade (backward)", "1'V̂LŶ^D", f"{_WA}, section 2.1", ()),
    ("wwyz_y_rt", "wwyz", "level", _M, "Y_RT: traditional trade (backward)", "1'V̂LŶ^F", f"{_WA}, section 2.1", ()),
    ("wwyz_y_gvc_s", "wwyz", "level", _M, "Y_GVC_S: simple GVC (backward)", "1'V̂LA^F LŶ^D", f"{_WA}, section 2.1", ()),
    ("wwyz_y_gvc_c", "wwyz", "level", _M, "Y_GVC_C: complex GVC (backward)", "1'V̂LA^F (BŶ − LŶ^D)", f"{_WA}, section 2.1", ()),
    ("wwyz_y_gvc", "wwyz", "level", _M, "Y_GVC: GVC final goods production (backward)", "1'V̂LA^F BŶ", f"{_WA}, section 2.1", ()),
    ("wwyz_xv", "wwyz", "level", _M, "induced output (forward)", "V̂BBY1", f"{_WB}, section 2", ()),
    ("wwyz_xy", "wwyz", "level", _M, "induced output (backward)", "1'V̂BBŶ", f"{_WB}, section 2", ()),
    ("wwyz_xv_gvc", "wwyz", "level", _M, "GVC induced output (forward)", "row sums of V̂LLA^F BŶ + V̂LA^F BBŶ", f"{_WB}, section 3", ()),
    ("wwyz_xy_gvc", "wwyz", "level", _M, "GVC induced output (backward)", "column sums of V̂LLA^F BŶ + V̂LA^F BBŶ", f"{_WB}, section 3", ()),
    ("wwyz_gvcpt_f", "wwyz", "ratio", "share", "forward GVC participation (GVCPt_f)", "v_gvc / va", f"{_WA}, section 2.2", ()),
    ("wwyz_gvcpt_f_s", "wwyz", "ratio", "share", "forward simple GVC participation", "v_gvc_s / va", f"{_WA}, section 2.2", ()),
    ("wwyz_gvcpt_f_c", "wwyz", "ratio", "share", "forward complex GVC participation", "v_gvc_c / va", f"{_WA}, section 2.2", ()),
    ("wwyz_gvcpt_b", "wwyz", "ratio", "share", "backward GVC participation (GVCPt_b)", "y_gvc / y", f"{_WA}, section 2.2", ()),
    ("wwyz_gvcpt_b_s", "wwyz", "ratio", "share", "backward simple GVC participation", "y_gvc_s / y", f"{_WA}, section 2.2", ()),
    ("wwyz_gvcpt_b_c", "wwyz", "ratio", "share", "backward complex GVC participation", "y_gvc_c / y", f"{_WA}, section 2.2", ()),
    ("wwyz_position", "wwyz", "index", "", "GVC position (WWYZ)", "ln(1 + GVCPt_f) − ln(1 + GVCPt_b)", f"{_WA}, section 2.3", ()),
    ("wwyz_plv", "wwyz", "ratio", "stages", "forward production length PLv", "xv / va = (Bx)/x", f"{_WB}, section 2", ()),
    ("wwyz_ply", "wwyz", "ratio", "stages", "backward production length PLy", "xy / y = 1'B", f"{_WB}, section 2", ()),
    ("wwyz_plv_gvc", "wwyz", "ratio", "stages", "forward GVC production length PLv_GVC", "xv_gvc / v_gvc", f"{_WB}, section 3", ()),
    ("wwyz_ply_gvc", "wwyz", "ratio", "stages", "backward GVC production length PLy_GVC", "xy_gvc / y_gvc", f"{_WB}, section 3", ()),
    ("wwyz_pl_position", "wwyz", "index", "", "GVC position PLv_GVC/PLy_GVC", "plv_gvc / ply_gvc; above 1 upstream", f"{_WB}, section 3", ()),
    # --- Koopman (gvc/kww.py, as the lead's fix emits them) ------------------------------------
    ("kww_iv", "kww", "level", _M, "IV: indirect value-added exports (exporting sector)", "WWZ T4 + T5 of the sector's exports (KWW term 3)", _KWW, ("kww_IV",)),
    ("kww_iv_origin", "kww", "level", _M, "IV: indirect value-added exports (origin sector)", "v̂^s Σ_{r≠s} Σ_{t≠s,r} B^sr Y^rt", _KWW, ()),
    ("kww_fv", "kww", "level", _M, "FV: foreign value added in exports", "Σ_{t≠s} V^t B^ts E^s = WWZ T11…T16", _KWW, ("kww_FV",)),
    ("kww_e", "kww", "level", _M, "E: gross exports", "gross exports by exporting sector", _KWW, ("kww_E",)),
    ("kww_gvcpt", "kww", "ratio", "share", "GVC participation (IV+FV)/E (Koopman)", "(kww_iv + kww_fv) / kww_e", _KWW, ("kww_participation",)),
    ("kww_gvcpt_origin", "kww", "ratio", "share", "GVC participation, origin-sector IV (Koopman)", "(kww_iv_origin + kww_fv) / kww_e", _KWW, ()),
    ("kww_position", "kww", "index", "", "GVC position (Koopman)", "ln(1 + IV/E) − ln(1 + FV/E)", _KWW, ()),
    ("kww_position_origin", "kww", "index", "", "GVC position, origin-sector IV (Koopman)", "ln(1 + IV_origin/E) − ln(1 + FV/E)", _KWW, ()),
    ("wwz_dva_intrex", "wwz", "level", _M, "DVA_INTrex: WWZ T3 + T4 + T5", "domestic VA in intermediates re-exported (WWZ groups)", "Wang, Wei & Zhu 2013 (NBER w19677), Table E2", ()),
    # --- Borin–Mancini (gvc/borin_mancini.py) --------------------------------------------------
    ("bm_gvc_trade_f", "bm", "level", _M, "GVC_trade_f: forward GVC-related trade", "REX1 + REX2 + REX3 + REF1 + REF2", _BM, ("bm_GVC_trade_f",)),
    ("bm_gvc_trade_b", "bm", "level", _M, "GVC_trade_b: backward GVC-related trade", "FVA + DDC + FDC", _BM, ("bm_GVC_trade_b",)),
    ("bm_gvc_trade", "bm", "level", _M, "GVC_trade: GVC-related trade", "GVC_trade_f + GVC_trade_b", _BM, ("bm_GVC_trade",)),
    ("bm_gvcp_trade_f", "bm", "ratio", "share", "forward trade-based GVC participation (Borin–Mancini)", "GVC_trade_f / gross exports", _BM, ("bm_GVCP_trade_f",)),
    ("bm_gvcp_trade_b", "bm", "ratio", "share", "backward trade-based GVC participation (Borin–Mancini)", "GVC_trade_b / gross exports", _BM, ("bm_GVCP_trade_b",)),
    ("bm_gvcp_trade", "bm", "ratio", "share", "trade-based GVC participation (Borin–Mancini)", "GVC_trade / gross exports", _BM, ("bm_GVCP_trade",)),
    # --- TiVA and Johnson–Noguera (gvc/tiva.py) ------------------------------------------------
    ("tiva_exgr", "tiva", "level", _M, "EXGR: gross exports", "E^s*_i", _TIVA, ()),
    ("tiva_exgr_dva", "tiva", "level", _M, "EXGR_DVA: domestic value added in exports", "(V^s B^ss)_i E^s*_i", _TIVA, ()),
    ("tiva_exgr_fva", "tiva", "level", _M, "EXGR_FVA: foreign value added in exports", "Σ_{t≠s} (V^t B^ts)_i E^s*_i", _TIVA, ()),
    ("tiva_exgr_dvash", "tiva", "ratio", "share", "EXGR_DVASH: domestic VA share of exports", "EXGR_DVA / EXGR", _TIVA, ()),
    ("tiva_exgr_fvash", "tiva", "ratio", "share", "EXGR_FVASH: foreign VA share of exports", "EXGR_FVA / EXGR", _TIVA, ()),
    ("jn_va_fd", "jn", "level", _M, "value added by final destination", "V̂BY (origin country-sector × destination)", f"{_JN}, eq. (5)", ("va_fd",)),
    ("jn_vax", "jn", "level", _M, "VAX: value-added exports to a partner", "value added of s absorbed in r's final demand, r ≠ s", f"{_JN}, eq. (6)", ("vax",)),
    ("jn_vax_total", "jn", "level", _M, "VAX: value-added exports (all partners)", "Σ_{r≠s} VAX[s, r]", f"{_JN}, eq. (6)", ("vax_total",)),
    ("jn_vax_ratio", "jn", "ratio", "share", "VAX ratio", "Σ_{r≠s} VAX[s, r] / E^s", f"{_JN}, section 3", ("vax_ratio",)),
    # --- alignment (alignment/trust.py) --------------------------------------------------------
    ("trust_ideal_distance", "trust", "level", "ideal-point units", "ideal-point distance to the partner", "|ideal_c − ideal_partner| in the year", _BSV, ("ideal_distance",)),
    ("trust_score", "trust", "index", "ideal-point units", "political trust with the partner", "−|ideal_c − ideal_partner| (0 = same position)", _BSV, ("trust",)),
    ("ideal_point", "ideal", "index", "ideal-point units", "UN General Assembly ideal point", "posterior mode of θ_it (mean 0, sd 1 over country-sessions)", "Bailey, Strezhnev & Voeten 2017, JCR 61(2); chainpower.alignment.idealpoints", ()),
    ("ideal_point_se", "ideal", "level", "ideal-point units", "standard error of the ideal point", "from the inverse Hessian in θ", "chainpower.alignment.idealpoints (docs/idealpoints.md)", ()),
    # --- alliances exposure (alliances/exposure.py) --------------------------------------------
    ("alliance_n_alliances", "alliance", "count", "", "US-led alliances joined", "number of alliances the country is a member of on 31 Dec", _P002, ()),
    ("alliance_n_action", "alliance", "count", "", "action-commitment alliances", "alliances of action commitment", _P002, ()),
    ("alliance_n_consultative", "alliance", "count", "", "consultative alliances", "alliances of consultative commitment", _P002, ()),
    ("alliance_n_high", "alliance", "count", "", "highly institutionalised alliances", "alliances of high institutionalisation", _P002, ()),
    ("alliance_n_low", "alliance", "count", "", "weakly institutionalised alliances", "alliances of low institutionalisation", _P002, ()),
    ("alliance_n_action_high", "alliance", "count", "", "action / high alliances", "typology cell counts", _P002, ()),
    ("alliance_n_action_low", "alliance", "count", "", "action / low alliances", "typology cell counts", _P002, ()),
    ("alliance_n_consultative_high", "alliance", "count", "", "consultative / high alliances", "typology cell counts", _P002, ()),
    ("alliance_n_consultative_low", "alliance", "count", "", "consultative / low alliances", "typology cell counts", _P002, ()),
    ("alliance_exposure_index", "alliance", "index", "", "alliance exposure index", "Σ over alliances of base + action + high weights", _P002, ()),
]  # fmt: skip

# --- the new layers (trade, scenarios, data files); names as their writers emit them -------------
_EU21 = "European Commission 2021, SWD(2021) 352 (strategic dependencies); chainpower.trade.screens"
_HUB = "paper 003 (methods.md), value-added network hubs; Brin & Page 1998, Kleinberg 1999, Brandes 2001"
_P001 = "paper 001 (methods.md), weighted China–US interdependence index; chainpower.trade.interdependence"
_HEM = "Miller & Blair 2009, §12.2 (hypothetical extraction); chainpower.scenarios"
_SHOCK = "Miller & Blair 2009, §2.6 and §12.1 (Leontief demand and Ghosh supply shocks); chainpower.scenarios"
_FPEM = "look-through (FPEM) exposure, Baldwin, Freeman & Theodorakopoulos 2023; chainpower.scenarios.exposure"
_ADB = "ADB MRIO GVC indicator files (Borin & Mancini 2023; WWYZ 2017b); chainpower.data.indicator_files"
_MACRO = "paper 000 controls from World Bank WDI and Penn World Table 10.01; chainpower.data.macro"
_T = "trade value (the flows' unit)"
ENTRIES += [
    (
        "wwyz_vat_rt",
        "wwyz",
        "level",
        _M,
        "value-added trade: traditional",
        "VA of origin absorbed by the partner as final goods",
        f"{_WA}, section 2.1",
        (),
    ),
    (
        "wwyz_vat_gvc_s",
        "wwyz",
        "level",
        _M,
        "value-added trade: simple GVC",
        "VA crossing one border as intermediates",
        f"{_WA}, section 2.1",
        (),
    ),
    (
        "wwyz_vat_gvc_c",
        "wwyz",
        "level",
        _M,
        "value-added trade: complex GVC",
        "VA crossing at least two borders",
        f"{_WA}, section 2.1",
        (),
    ),
    (
        "dep_imports",
        "dep",
        "level",
        _T,
        "imports of the product",
        "imports of the importer group",
        _EU21,
        (),
    ),
    (
        "dep_extra_share",
        "dep",
        "ratio",
        "share",
        "extra-group import share",
        "imports from outside the group / all imports",
        _EU21,
        (),
    ),
    (
        "dep_import_hhi",
        "dep",
        "index",
        "",
        "import concentration (HHI)",
        "Σ supplier shares² of extra-group imports",
        _EU21,
        (),
    ),
    (
        "dep_import_export_ratio",
        "dep",
        "index",
        "",
        "imports / exports",
        "extra-group imports over the group's exports",
        _EU21,
        (),
    ),
    (
        "dep_world_export_hhi",
        "dep",
        "index",
        "",
        "world export concentration (HHI)",
        "Σ exporter shares² of world exports",
        "OECD GeoDep (2023); chainpower.trade.screens",
        (),
    ),
    (
        "dep_top_supplier_share",
        "dep",
        "ratio",
        "share",
        "largest supplier's share",
        "largest extra-group supplier / extra-group imports",
        _EU21,
        (),
    ),
    (
        "friend_supply_share",
        "friend",
        "ratio",
        "share",
        "supply share from friends",
        "imports from friendly economies / all imports",
        "friend-shoring shares; chainpower.trade.friendshoring",
        (),
    ),
    (
        "friend_supply_share_change",
        "friend",
        "ratio",
        "share",
        "change in the friends' supply share",
        "share minus the first year's share",
        "friend-shoring shares; chainpower.trade.friendshoring",
        (),
    ),
    (
        "crma_top_third_share",
        "crma",
        "ratio",
        "share",
        "largest third-country share",
        "share of the largest non-EU supplier at the stage",
        "EU Critical Raw Materials Act 2024, art. 5(1)",
        (),
    ),
    (
        "crma_meets_benchmark",
        "crma",
        "flag",
        "",
        "meets the CRMA 65 % benchmark",
        "1 when no third country supplies more than 65 %",
        "EU Critical Raw Materials Act 2024, art. 5(1)",
        (),
    ),
    (
        "interdep_index",
        "interdep",
        "index",
        "",
        "interdependence index",
        "Σ_c w_c n_c / Σ_c w_c of normalised components",
        _P001,
        (),
    ),
    *[
        (
            f"interdep_{c}",
            "interdep",
            "index",
            "",
            f"interdependence component: {c}",
            f"normalised {c} component",
            _P001,
            (),
        )
        for c in ("trade", "investment", "liberalisation", "technology")
    ],
    *[
        (
            f"screen_{r}_holds",
            "screen",
            "flag",
            "",
            f"{r} rules hold in the year",
            "1 when every rule of the preset holds",
            _EU21,
            (),
        )
        for r in ("eu2021", "geodep")
    ],
    *[
        (
            f"screen_{r}_dependent",
            "screen",
            "flag",
            "",
            f"dependent ({r} rules)",
            "1 when the rules hold long enough (persistence)",
            _EU21,
            (),
        )
        for r in ("eu2021", "geodep")
    ],
    *[
        (
            f"screen_{r}_n_years",
            "screen",
            "count",
            "",
            f"years the {r} rules hold",
            "number of screened years in which the rules hold",
            _EU21,
            (),
        )
        for r in ("eu2021", "geodep")
    ],
    *[
        (
            f"hub_{m}_{k}",
            "hub",
            "count" if m.startswith("n_") else ("level" if m.endswith("strength") else "index"),
            _M if m.endswith("strength") else "",
            f"{m.replace('_', ' ')} ({k.replace('_', ' ')} network)",
            f"{m} of the economy in the {k} value-added network",
            _HUB,
            (),
        )
        for m in (
            "n_supplied",
            "n_absorbed",
            "out_strength",
            "in_strength",
            "pagerank_supply",
            "pagerank_demand",
            "hits_hub",
            "hits_authority",
            "betweenness",
            "eigenvector_supply",
            "eigenvector_demand",
        )
        for k in ("traditional", "simple_gvc", "complex_gvc")
    ],
    *[
        (
            f"fpem_{m}",
            "fpem",
            "level",
            _M,
            f"{m.replace('_', ' ')} exposure",
            f"{m} exposure of the buyer to the supplier",
            _FPEM,
            (),
        )
        for m in ("look_through", "face_value", "hidden")
    ],
    *[
        (
            f"fpem_{m}_share",
            "fpem",
            "ratio",
            "share",
            f"{m.replace('_', ' ')} exposure share",
            f"{m} exposure / the buyer's total",
            _FPEM,
            (),
        )
        for m in ("look_through", "face_value", "hidden")
    ],
    *[
        (
            f"{fam}_{q}_{s}",
            fam,
            "level",
            _M,
            f"{q} ({s}, {'extraction' if fam == 'hem' else 'shock'})",
            f"{q} {s}",
            src,
            (),
        )
        for fam, src in (("hem", _HEM), ("shock", _SHOCK))
        for q in ("output", "va")
        for s in ("baseline", "shocked", "delta")
    ],
    *[
        (
            f"{fam}_gvcpt_{s}_{d}",
            fam,
            "ratio",
            "share",
            f"GVC participation {d} ({s})",
            f"WWYZ GVCPt_{d} {s}",
            src,
            (),
        )
        for fam, src in (("hem", _HEM), ("shock", _SHOCK))
        for s in ("baseline", "shocked", "delta")
        for d in ("f", "b")
    ],
    ("macro_ln_gdp", "macro", "index", "log", "ln GDP", "ln of GDP (constant USD)", _MACRO, ()),
    (
        "macro_ln_capital_per_worker",
        "macro",
        "index",
        "log",
        "ln capital per worker",
        "ln(rnna / emp)",
        _MACRO,
        (),
    ),
    (
        "macro_ln_gov_share",
        "macro",
        "index",
        "log",
        "ln government consumption share",
        "ln of government final consumption, % of GDP",
        _MACRO,
        (),
    ),
    (
        "macro_ln_working_age",
        "macro",
        "index",
        "log",
        "ln working-age population share",
        "ln of population 15–64, % of total",
        _MACRO,
        (),
    ),
    (
        "macro_ln_working_age_plain",
        "macro",
        "index",
        "log",
        "ln working-age population share (unextended)",
        "as macro_ln_working_age, without extension",
        _MACRO,
        (),
    ),
    (
        "macro_resource_rents",
        "macro",
        "level",
        "% of GDP",
        "total natural resource rents",
        "WDI NY.GDP.TOTL.RT.ZS",
        _MACRO,
        (),
    ),
    (
        "adb_exports",
        "adb",
        "level",
        _M,
        "gross exports (ADB)",
        "x − e (e = domestic sales)",
        _ADB,
        (),
    ),
    (
        "adb_exports_intermediate",
        "adb",
        "level",
        _M,
        "intermediate exports (ADB)",
        "zsales − ez",
        _ADB,
        (),
    ),
    ("adb_exports_final", "adb", "level", _M, "final-goods exports (ADB)", "y − ey", _ADB, ()),
    ("adb_output", "adb", "level", _M, "gross output (ADB)", "x (total-input row)", _ADB, ()),
    ("adb_va", "adb", "level", _M, "value added (ADB)", "the six value-added rows", _ADB, ()),
    (
        "bm_gvc_prod",
        "bm",
        "level",
        _M,
        "GVC_prod: GVC value added by origin",
        "DAVAX2 + REX1–3 + REF1–2",
        _ADB,
        (),
    ),
    (
        "bm_gvcp_prod",
        "bm",
        "ratio",
        "share",
        "GVCP_prod: production-based GVC participation",
        "GVC_prod / value added",
        _ADB,
        (),
    ),
    *[
        (
            f"wwyz_{v}{p}",
            "wwyz",
            "ratio",
            "stages",
            f"{label} ({v[-1]})",
            f"{label} of PL{v[-1]}",
            f"{_WB}; {_ADB}",
            (),
        )
        for v in ("plv", "ply")
        for p, label in (
            ("_d", "length of purely domestic production"),
            ("_rt", "length of traditional trade"),
            ("_gvc_domestic", "domestic segment of the GVC length"),
            ("_gvc_border", "border crossings in the GVC length"),
            ("_gvc_foreign", "foreign segment of the GVC length"),
        )
    ],
]

# --- the decomposition results' own terms and groups (gvc/decomposition.py, borin_mancini.py) ---
_WWZ = "Wang, Wei & Zhu 2013 (NBER w19677), eq. (37) and Table E2"
_BMT = "Borin & Mancini 2023, ESR 35(1), section 3 (sink-based decomposition)"
# T1 … T16, as chainpower.gvc.wwz.WWZ_TERMS (a test checks they agree)
_WWZ_CODES = "DVA_FIN DVA_INT DVA_INTrexI1 DVA_INTrexF DVA_INTrexI2 RDV_FIN RDV_FIN2 RDV_INT DDC_FIN DDC_INT MVA_FIN MVA_INT MDC OVA_FIN OVA_INT ODC"
_WWZ_TERMS = tuple(_WWZ_CODES.split())
_WWZ_GROUPS = {
    "DVA_INTrex": "T3 + T4 + T5",
    "RDV": "T6 + T7 + T8",
    "DDC": "T9 + T10",
    "FVA_FIN": "MVA_FIN + OVA_FIN",
    "FVA_INT": "MVA_INT + OVA_INT",
    "FDC": "MDC + ODC",
    "PDC": "DDC_FIN + DDC_INT + MDC + ODC",
    "VAX": "T1 … T5: value-added exports",
    "DVA": "T1 … T8: domestic value added",
    "FVA": "MVA + OVA: foreign value added",
    "IV": "T4 + T5 (KWW term 3)",
    "FV": "T11 … T16 (vertical specialisation)",
}
_BM_TERMS = tuple("DAVAX1 DAVAX2 REX1 REX2 REX3 REF1 REF2 DDC FVA FDC".split())  # noqa: SIM905
_BM_GROUPS = {
    "DAVAX": "DAVAX1 + DAVAX2",
    "REX": "REX1 + REX2 + REX3",
    "REF": "REF1 + REF2",
    "VAX": "DAVAX + REX: value-added exports",
    "DVA": "DAVAX + REX + REF: domestic value added",
    "PDC": "DDC + FDC: pure double counting",
}
ENTRIES += [
    *[
        (
            f"wwz_{t.lower()}",
            "wwz",
            "level",
            _M,
            f"{t} (WWZ term T{k + 1})",
            f"term T{k + 1} of gross exports",
            _WWZ,
            (),
        )
        for k, t in enumerate(_WWZ_TERMS)
        if t.lower() != "dva_intrex"
    ],
    *[
        (f"wwz_{g.lower()}", "wwz", "level", _M, f"{g} (WWZ group)", d, _WWZ, ())
        for g, d in _WWZ_GROUPS.items()
        if g != "DVA_INTrex"
    ],
    ("wwz_e", "wwz", "level", _M, "E: gross exports (WWZ)", "sum of the 16 terms", _WWZ, ()),
    *[
        (
            f"bm_{t.lower()}",
            "bm",
            "level",
            _M,
            f"{t} (Borin–Mancini term)",
            f"term {t} of gross exports",
            _BMT,
            (),
        )
        for t in _BM_TERMS
    ],
    *[
        (f"bm_{g.lower()}", "bm", "level", _M, f"{g} (Borin–Mancini group)", d, _BMT, ())
        for g, d in _BM_GROUPS.items()
    ],
    (
        "bm_e",
        "bm",
        "level",
        _M,
        "E: gross exports (Borin–Mancini)",
        "sum of the 10 terms",
        _BMT,
        (),
    ),
]
