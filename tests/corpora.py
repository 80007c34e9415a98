"""Small corpora written for the tests (invented text, no page-derived words)."""

#: Eight outlets across the spectrum, one short article each (used by the findings and `framing run` tests).
EIGHT_OUTLETS = {
    "Agence Est": "Putin and Kim sign a treaty of eternal friendship. Our invincible friendship will last forever, Kim said. "
                  "The illegal sanctions of the US imperialists have failed, the Kremlin said.",
    "Baltic Post": "The pact between two isolated pariah regimes is a grave threat to European security. "
                   "Officials warned that arms transfers violate UN resolutions.",
    "Cape Herald": "The two leaders met at the cosmodrome on Wednesday. They toured the launch site for three hours.",
    "Delta Wire": "Kim arrived by armoured train on Tuesday. The talks lasted four hours, officials said.",
    "Eastern Star": "The treaty is a legitimate step between sovereign neighbours. Western hysteria over it shows hypocrisy.",
    "Fjord Times": "Seoul voiced deep concern over the growing military ties between Moscow and Pyongyang. "
                   "Analysts called the deal an act of desperation.",
    "Gulf Daily": "The delegations discussed trade, tourism and a new road bridge. Both sides agreed to meet again next year.",
    "Han River News": "North Korea may ship more shells to Russia, the spy agency said. The agency briefed lawmakers on Thursday.",
}
