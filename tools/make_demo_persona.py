"""Write the synthetic demo persona, infoview/resources/demo_persona.json.

Maya Okafor, a secondary-school science teacher moving into UX research, six months into
her informational interviews. Every name is fictional; every email is on example.org or
.test. Times are day offsets from "today" so the demo always looks current.

Run: python tools/make_demo_persona.py   (the output is committed; this is its source)
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "infoview" / "resources" / "demo_persona.json"

PROFILE = {
    "name": "Maya Okafor",
    "email": "maya.okafor@example.org",
    "field": "UX research",
    "goal": "Move from teaching into a UX research role within a year",
    "synopsis": (
        "Eight years teaching secondary-school science in Leeds.\n"
        "Ran classroom studies on how students learn from feedback.\n"
        "Now finishing a part-time certificate in human-computer interaction."
    ),
}

# key, name, company, role, source, tie, introduced_by, days ago added, notes
PEOPLE = [
    (
        "grace",
        "Grace Adeyemi",
        "Northwind Health",
        "Head of Research",
        "warm",
        "mentor",
        None,
        178,
        "Old friend of my sister; met through a school alumni event.",
    ),
    (
        "tomas",
        "Tomás Ferreira",
        "Lumen Labs",
        "Senior UX Researcher",
        "warm",
        "ally",
        "grace",
        160,
        None,
    ),
    (
        "ines",
        "Inès Moreau",
        "Lumen Labs",
        "Research Ops Lead",
        "warm",
        "connection",
        "tomas",
        130,
        None,
    ),
    (
        "kwame",
        "Kwame Mensah",
        "Brightpath Learning",
        "UX Research Manager",
        "warm",
        "ally",
        "ines",
        100,
        "Former teacher too!",
    ),
    (
        "sofia",
        "Sofia Lindqvist",
        "Brightpath Learning",
        "Product Designer",
        "warm",
        "connection",
        "kwame",
        60,
        None,
    ),
    ("raj", "Raj Patel", "Cobalt Bank", "UX Researcher", "cold", "connection", None, 150, None),
    (
        "hannah",
        "Hannah Cole",
        "Fernhill Council",
        "Service Designer",
        "cold",
        "ally",
        None,
        120,
        None,
    ),
    ("leo", "Leo Brandt", "Quillsoft", "Design Director", "cold", "connection", None, 90, None),
    (
        "amara",
        "Amara Nwosu",
        "Tidewater Media",
        "Research Lead",
        "cold",
        "connection",
        None,
        75,
        None,
    ),
    (
        "oscar",
        "Oscar Vidal",
        "Pinecrest Games",
        "Player Researcher",
        "cold",
        "connection",
        None,
        70,
        None,
    ),
    (
        "mei",
        "Mei Tanaka",
        "Orbit Travel",
        "Senior Researcher",
        "linkedin",
        "connection",
        None,
        140,
        None,
    ),
    (
        "daniel",
        "Daniel Okoro",
        "Harbour Insurance",
        "CX Analyst",
        "linkedin",
        "connection",
        None,
        48,
        None,
    ),
    (
        "yusuf",
        "Yusuf Demir",
        "Lumen Labs",
        "Data Scientist",
        "linkedin",
        "connection",
        None,
        45,
        None,
    ),
    (
        "chloe",
        "Chloé Martin",
        "Atlas Maps",
        "UX Writer",
        "vcard",
        "connection",
        None,
        110,
        "Met at a meetup; swapped contact cards.",
    ),
    ("ben", "Ben Harlow", "Quillsoft", "Engineering Manager", "vcard", "ally", None, 95, None),
    (
        "priya",
        "Priya Raman",
        "Northwind Health",
        "Product Manager",
        "csv",
        "connection",
        None,
        85,
        None,
    ),
    (
        "erik",
        "Erik Solberg",
        "Cobalt Bank",
        "Accessibility Lead",
        "csv",
        "connection",
        None,
        40,
        None,
    ),
    (
        "lucia",
        "Lucía Gómez",
        "Fernhill Council",
        "User Researcher",
        "manual",
        "connection",
        "hannah",
        30,
        None,
    ),
    (
        "noah",
        "Noah Fischer",
        "Tidewater Media",
        "Design Ops",
        "manual",
        "connection",
        None,
        25,
        None,
    ),
    (
        "zara",
        "Zara Hussain",
        "Orbit Travel",
        "Research Manager",
        "warm",
        "connection",
        "mei",
        35,
        None,
    ),
    (
        "felix",
        "Felix Wagner",
        "Pinecrest Games",
        "Lead Designer",
        "cold",
        "connection",
        None,
        20,
        None,
    ),
    (
        "ama",
        "Ama Owusu",
        "Atlas Maps",
        "Research Director",
        "warm",
        "connection",
        "chloe",
        16,
        None,
    ),
    (
        "jonas",
        "Jonas Berg",
        "Brightpath Learning",
        "Learning Designer",
        "warm",
        "connection",
        "sofia",
        4,
        "Sofia suggested him after our chat.",
    ),
    (
        "isla",
        "Isla Murray",
        "Harbour Insurance",
        "UX Researcher",
        "cold",
        "connection",
        None,
        14,
        None,
    ),
    ("marco", "Marco Rossi", "Quillsoft", "UX Researcher", "cold", "connection", None, 12, None),
    (
        "fatima",
        "Fatima Zahra",
        "Northwind Health",
        "Service Designer",
        "warm",
        "connection",
        "grace",
        10,
        None,
    ),
    (
        "pedro",
        "Pedro Alves",
        "Cobalt Bank",
        "Research Ops",
        "linkedin",
        "connection",
        None,
        9,
        None,
    ),
]
# Connections imported from LinkedIn and contacts files that Maya has not written to yet.
QUIET = [
    ("Alice Brennan", "Lumen Labs", "Recruiter", "linkedin"),
    ("Omar Haddad", "Tidewater Media", "Editor", "linkedin"),
    ("Julia Novak", "Orbit Travel", "Designer", "linkedin"),
    ("Samuel Reid", "Fernhill Council", "Analyst", "linkedin"),
    ("Keiko Sato", "Atlas Maps", "Engineer", "vcard"),
    ("Victor Lemaire", "Pinecrest Games", "Producer", "vcard"),
    ("Nadia Petrova", "Harbour Insurance", "Product Owner", "csv"),
    ("George Mills", "Brightpath Learning", "Teacher Trainer", "csv"),
    ("Elena Costa", "Northwind Health", "Nurse Informatician", "manual"),
    ("Tariq Aziz", "Quillsoft", "Support Lead", "manual"),
    ("Ruth Okeke", "Cobalt Bank", "Designer", "linkedin"),
    ("Hugo Blanc", "Lumen Labs", "Product Designer", "linkedin"),
    ("Selin Kaya", "Orbit Travel", "Content Designer", "vcard"),
]


def interview_story(start: int, *, reply_after: int, meet_after: int, topic: str) -> list[tuple]:
    """The full arc from first email to keeping in touch, as (kind, days ago, extras).

    ``start`` is how many days ago the first email went out; the later steps follow it, so
    they are fewer days ago.
    """
    met = start - meet_after
    return [
        ("outreach", start, {"subject": f"Learning about {topic}"}),
        ("reply", start - reply_after, {}),
        ("scheduled", start - reply_after - 1, {"place_kind": "coffee", "minutes": 30}),
        ("confirmed", met + 1, {}),
        ("interview", met, {"notes": "Generous with time; suggested reading and people."}),
        ("thank_you_email", met - 1, {"subject": "Thank you for your time"}),
    ]


# Each story: (kind, days ago, extras). A scheduled touch with "meets_in_days" is for a
# meeting still ahead; otherwise its meeting is the interview that follows it.
STORIES: dict[str, list[tuple]] = {
    # The mentor: met early, thanked, card, gift (the kit gently warns), regular updates.
    "grace": [
        ("outreach", 178, {"subject": "A teacher curious about research careers"}),
        ("reply", 177, {}),
        ("scheduled", 176, {"place_kind": "office", "minutes": 30}),
        ("confirmed", 171, {}),
        ("interview", 170, {"notes": "Said teaching is research training in disguise."}),
        ("thank_you_email", 169, {}),
        ("thank_you_card", 166, {}),
        ("gift", 165, {"what": "a book she mentioned"}),
        ("referral", 165, {"to": "Tomás Ferreira"}),
        ("update", 120, {"subject": "I started the HCI certificate you suggested"}),
        ("update", 40, {"subject": "First usability study done"}),
        ("reply", 119, {}),
        ("scheduled", 62, {"place_kind": "lunch", "minutes": 60}),
        ("confirmed", 56, {}),
        ("interview", 55, {"notes": "A second chat: reviewed my first case study."}),
        ("thank_you_email", 54, {}),
        ("update", 40, {"subject": "First usability study done"}),
        ("reply", 39, {}),
        ("referral", 10, {"to": "Fatima Zahra"}),
    ],
    # A referral chain: Grace -> Tomás -> Inès -> Kwame -> Sofia -> Jonas.
    "tomas": [
        ("introduced", 160, {"subject": "Grace introduces Maya"}),
        ("reply", 158, {}),
        ("scheduled", 157, {"place_kind": "video", "minutes": 25}),
        ("confirmed", 150, {}),
        ("interview", 149, {}),
        ("thank_you_email", 148, {}),
        ("referral", 148, {"to": "Inès Moreau"}),
        ("update", 95, {}),
        ("reply", 94, {}),
        ("update", 45, {"subject": "Applied to the research apprenticeship you mentioned"}),
        ("reply", 44, {}),
    ],
    "ines": [
        ("intro_requested", 131, {"via": "Tomás Ferreira"}),
        ("introduced", 130, {}),
        ("reply", 126, {}),
        ("scheduled", 125, {"place_kind": "lunch", "minutes": 45}),
        ("confirmed", 118, {}),
        ("interview", 117, {}),
        ("thank_you_email", 116, {}),
        ("referral", 116, {"to": "Kwame Mensah"}),
    ],
    "kwame": [
        *interview_story(100, reply_after=2, meet_after=12, topic="research in education products"),
        ("thank_you_card", 86, {}),
        ("referral", 87, {"to": "Sofia Lindqvist"}),
        ("update", 50, {}),
        ("reply", 49, {}),
        ("scheduled", 33, {"place_kind": "video", "minutes": 30}),
        ("interview", 28, {"notes": "Mock research interview; gave detailed feedback."}),
        ("thank_you_email", 27, {}),
    ],
    "sofia": [
        *interview_story(60, reply_after=1, meet_after=8, topic="design and research together"),
        ("referral", 51, {"to": "Jonas Berg"}),
    ],
    # A cold success with a slow reply (an obligate), keeping in touch now overdue a nudge.
    "raj": interview_story(150, reply_after=9, meet_after=20, topic="research in banking"),
    "hannah": [
        *interview_story(120, reply_after=2, meet_after=10, topic="service design in government"),
        ("thank_you_card", 107, {}),
        ("referral", 109, {"to": "Lucía Gómez"}),
        ("update", 70, {}),
        ("reply", 68, {}),
    ],
    # Declined politely after a reminder.
    "leo": [
        ("outreach", 90, {"subject": "A question about design leadership at Quillsoft"}),
        ("reminder", 78, {}),
        ("declined", 76, {"reason": "Too busy this quarter."}),
    ],
    # Never answered: two reminders, then the kit stops nagging (no answer).
    "amara": [
        ("outreach", 75, {"subject": "Learning about research at Tidewater Media"}),
        ("reminder", 63, {}),
        ("reminder", 50, {}),
    ],
    # Contacted recently: a reminder falls due today (sent 11 days ago).
    "oscar": [("outreach", 11, {"subject": "Player research at Pinecrest Games"})],
    "felix": [("outreach", 6, {"subject": "Designing games people love"})],
    # Reminded once, still waiting.
    "mei": [
        ("outreach", 30, {"subject": "Research at Orbit Travel"}),
        ("reminder", 18, {}),
    ],
    # Replied; a meeting still to set.
    "daniel": [("outreach", 8, {"subject": "CX analysis at Harbour"}), ("reply", 6, {})],
    # Asked a friend for an introduction; waiting on it.
    "zara": [("intro_requested", 5, {"via": "Mei Tanaka"})],
    # Meeting tomorrow: a confirmation is due today.
    "chloe": [
        ("outreach", 20, {"subject": "UX writing at Atlas Maps"}),
        ("reply", 18, {}),
        ("scheduled", 17, {"place_kind": "coffee", "minutes": 30, "meets_in_days": 1}),
    ],
    # Meeting today.
    "ama": [
        ("introduced", 16, {}),
        ("reply", 14, {}),
        ("scheduled", 13, {"place_kind": "office", "minutes": 30, "meets_in_days": 0}),
        ("confirmed", 1, {}),
    ],
    # Met yesterday, no thanks yet: a thank-you is due today.
    "ben": [
        ("outreach", 25, {"subject": "Engineering and research at Quillsoft"}),
        ("reply", 24, {}),
        ("scheduled", 23, {"place_kind": "lunch", "minutes": 45}),
        ("confirmed", 2, {}),
        ("interview", 1, {"advice": "Build a small portfolio of two case studies."}),
    ],
    "priya": [
        *interview_story(85, reply_after=3, meet_after=12, topic="product and research"),
        ("update", 60, {"subject": "I read the book you recommended"}),
        ("reply", 58, {}),
    ],
    "erik": [
        ("outreach", 40, {"subject": "Accessibility research at Cobalt Bank"}),
        ("reply", 39, {}),
        ("scheduled", 38, {"place_kind": "phone", "minutes": 20}),
        (
            "interview",
            30,
            {
                "advice": "Test with a screen reader before you call anything accessible.",
                "next_step": "Take the screen-reader testing course he recommended",
            },
        ),
        ("thank_you_email", 29, {}),
    ],
    "lucia": [
        ("introduced", 30, {}),
        ("reply", 27, {}),
        ("scheduled", 26, {"place_kind": "video", "minutes": 30}),
        ("confirmed", 20, {}),
        ("interview", 19, {}),
        ("thank_you_email", 18, {}),
        ("thank_you_card", 15, {}),
    ],
    "noah": [("outreach", 25, {"subject": "Design operations at Tidewater"}), ("reminder", 13, {})],
    "isla": [
        ("outreach", 14, {"subject": "Research at Harbour Insurance"}),
        ("reply", 12, {}),
        ("scheduled", 11, {"place_kind": "coffee", "minutes": 30, "meets_in_days": 6}),
    ],
    "marco": [("outreach", 12, {"subject": "UX research at Quillsoft"})],
    "yusuf": [
        ("outreach", 44, {"subject": "Data and research at Lumen Labs"}),
        ("reply", 43, {}),
        ("scheduled", 42, {"place_kind": "video", "minutes": 20}),
        ("interview", 35, {}),
        ("thank_you_email", 34, {}),
    ],
    # Fatima (referred by Grace 10 days ago) and Jonas (referred by Sofia): not contacted yet.
    "fatima": [],
    "jonas": [],
    "pedro": [
        ("outreach", 9, {"subject": "Research operations at Cobalt Bank"}),
        ("reply", 7, {}),
    ],
    "alice": [
        ("outreach", 140, {"subject": "How Lumen Labs hires researchers"}),
        ("reply", 139, {}),
    ],
    "omar": [
        ("outreach", 100, {"subject": "Research at Tidewater"}),
        ("reminder", 88, {}),
        ("reply", 86, {}),
        ("declined", 86, {"reason": "Moving jobs."}),
    ],
    "julia": [
        ("outreach", 65, {"subject": "Design at Orbit Travel"}),
        ("reminder", 53, {}),
        ("reminder", 41, {}),
    ],
    "samuel": [
        ("outreach", 55, {"subject": "Analysis at Fernhill"}),
        ("reply", 50, {}),
        ("scheduled", 49, {"place_kind": "phone", "minutes": 20}),
        ("interview", 45, {}),
        ("thank_you_email", 45, {}),
    ],
}


# Question plans Maya saved for her next two meetings (bank ids, or her own questions).
PLANS = [
    {
        "person": "ama",
        "minutes": 30,
        "questions": [
            "story.path",
            "story.why_company",
            "day.typical_week",
            "day.team",
            "trends.changing",
            "trends.skills_rising",
            "insights.background_fit",
            "advice.career_change",
            "resources.who_else",
            "resources.follow",
        ],
    },
    {
        "person": "chloe",
        "minutes": 30,
        "questions": [
            "story.path",
            "day.typical_week",
            {
                "text": "How do writers and researchers work together at {company}?",
                "phase": "core",
                "category": "day-to-day",
            },
            "insights.misconception",
            "assign.portfolio",
            "advice.in_my_shoes",
            "resources.who_else",
        ],
    },
]


def _email(name: str, company: str, index: int) -> str:
    local = name.lower().replace(" ", ".")
    for accented, plain in (("á", "a"), ("é", "e"), ("è", "e"), ("í", "i"), ("ó", "o")):
        local = local.replace(accented, plain)
    domain = "example.org" if index % 2 else company.lower().replace(" ", "") + ".test"
    return f"{local}@{domain}"


def build() -> dict:
    people = []
    for index, (key, name, company, role, source, tie, by, added, notes) in enumerate(PEOPLE):
        people.append(
            {
                "key": key,
                "name": name,
                "email": None
                if source == "linkedin" and index % 3 == 0
                else _email(name, company, index),
                "company": company,
                "role": role,
                "url": f"https://www.linkedin.example.org/in/{key}"
                if source == "linkedin"
                else None,
                "source": source,
                "tie": tie,
                "introduced_by": by,
                "added_days_ago": added,
                "notes": notes,
            }
        )
    for index, (name, company, role, source) in enumerate(QUIET):
        key = name.split()[0].lower()
        people.append(
            {
                "key": key,
                "name": name,
                "email": None if source == "linkedin" else _email(name, company, index),
                "company": company,
                "role": role,
                "url": f"https://www.linkedin.example.org/in/{key}"
                if source == "linkedin"
                else None,
                "source": source,
                "tie": "connection",
                "introduced_by": None,
                "added_days_ago": 170 - index * 3,
                "notes": None,
            }
        )
    touches = []
    for key, story in STORIES.items():
        for kind, days_ago, given in story:
            extras = dict(given)
            subject = extras.pop("subject", None)
            touches.append(
                {
                    "person": key,
                    "kind": kind,
                    "days_ago": days_ago,
                    "subject": subject,
                    "details": extras,
                }
            )
    return {"profile": PROFILE, "people": people, "touches": touches, "plans": PLANS}


if __name__ == "__main__":
    persona = build()
    OUT.write_text(json.dumps(persona, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    counts = f"{len(persona['people'])} people, {len(persona['touches'])} touches"
    print(f"{counts}, {len(persona['plans'])} plans -> {OUT}")  # noqa: T201
