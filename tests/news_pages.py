"""Invented news pages (real places, invented events) for the WARC and feed tests."""

from __future__ import annotations


def news_page(
    title: str, paragraphs: list[str], *, site: str | None = None, date: str | None = None
) -> bytes:
    """An article page as a news site serves it: navigation, the story, a footer."""
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    meta += f'<meta property="article:published_time" content="{date}">' if date else ""
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f'<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>{story}</article>"
        "<footer><p>Copyright 2025. All rights reserved.</p></footer></body></html>"
    ).encode()


GHAZNI = news_page(
    "Roadside bomb kills three policemen in Ghazni",
    [
        "GHAZNI, Afghanistan - A roadside bomb killed three policemen in Ghazni city on Monday, a provincial "
        "official said, adding that two passers-by were wounded.",
        "The bomb struck a police pickup truck on the main road near the central market, police spokesman "
        "Ahmad Karimi told reporters.",
        "No group immediately claimed responsibility for the attack.",
    ],
    site="The Valley Ledger",
    date="2025-03-04T09:00:00Z",
)
KUNDUZ = news_page(
    "Air strike kills eight civilians in Kunduz",
    [
        "KUNDUZ, Afghanistan - An air strike killed eight civilians and wounded five others in Kunduz "
        "province on Tuesday, provincial police spokesman Hamid Rahimi said.",
        "Residents said the strike hit a family home in the Chahar Dara district late at night.",
        "The Taliban said 12 of their fighters were also killed in the strike.",
    ],
)
LASHKAR_GAH = news_page(
    "Gunmen kill four guards at checkpoint near Lashkar Gah",
    [
        "LASHKAR GAH, Afghanistan - Gunmen killed four security guards at a checkpoint on the outskirts of "
        "Lashkar Gah on Wednesday night, the Helmand governor's spokesman Omar Zwak said.",
        "One attacker was killed and another fled, the spokesman added.",
        "The checkpoint guards a bridge on the road to the provincial capital.",
    ],
    site="Helmand Daily",
    date="2025-03-06T07:15:00Z",
)
TALOQAN = news_page(
    "Mortar shells kill two children in Taloqan",
    [
        "TALOQAN, Afghanistan - Two children were killed and three people wounded when mortar shells "
        "landed on a residential area of Taloqan city on Thursday, a hospital director said.",
        "The shells were fired during fighting between security forces and militants east of the city.",
        "Families of the victims called on both sides to keep the fighting away from homes.",
    ],
    site="The Valley Ledger",
    date="2025-03-07T10:00:00Z",
)
NOT_FOUND = news_page("Page not found", ["The page you asked for does not exist or has been moved."])
