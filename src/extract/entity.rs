//! Named entities: runs of capitalised words, with titles stripped ("President Donald Trump" →
//! Donald Trump), possessives dropped, and aliases resolved ("U.S." = "US" = "United States",
//! "the UAE" = "United Arab Emirates", "Kazakh" = Kazakhstan). Surnames are resolved to full names
//! later, per text ([`super::extract`]).

use super::{overlaps, Mention, Value};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The type of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A person.
    Person,
    /// A country, region or city.
    Place,
    /// A company, ministry, agency, outlet, party.
    Organization,
    /// Anything else (an agreement, an event, a product).
    Other,
}

impl EntityType {
    /// The name used in the CLI's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Place => "place",
            EntityType::Organization => "organization",
            EntityType::Other => "other",
        }
    }
}

static CAPS: LazyLock<Regex> = LazyLock::new(|| {
    // A capitalised word (letters, inner hyphens/apostrophes, or dotted initials like U.S.),
    // then more of them, optionally joined by "of", "the", "and" inside a name.
    Regex::new(
        r"(?x)
        (?:[A-Z]\.){2,}|\b[A-Z][^\W\d_]*(?:[-–][A-Z][^\W\d_]*)*(?:’s|'s)?
        (?:\s+(?:(?:of|the|for|and|de|al|bin|von|van|du|la)\s+)?(?:(?:[A-Z]\.){2,}|[A-Z][^\W\d_]*(?:[-–][A-Z][^\W\d_]*)*(?:’s|'s)?))*",
    )
    .expect("entity regex")
});

const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Secretary of State",
    "Secretary",
    "Foreign Minister",
    "Minister",
    "Ambassador",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Gen.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Senator",
    "Governor",
    "King",
    "Queen",
    "Prince",
    "Chancellor",
    "Chairman",
    "Chief",
    "Judge",
    "Mayor",
    "Pope",
    "General",
    "Sheikh",
    "Crown Prince",
];

/// Capitalised words that start sentences or name no entity on their own.
fn is_common(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "In"
            | "On"
            | "At"
            | "For"
            | "But"
            | "And"
            | "Or"
            | "If"
            | "It"
            | "Its"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "As"
            | "By"
            | "From"
            | "With"
            | "To"
            | "Of"
            | "After"
            | "Before"
            | "Although"
            | "Though"
            | "Thus"
            | "So"
            | "Now"
            | "Then"
            | "When"
            | "While"
            | "Where"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "According"
            | "Praising"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Each"
            | "Every"
            | "No"
            | "Not"
            | "Also"
            | "Yet"
            | "Still"
            | "Since"
            | "During"
            | "Under"
            | "Over"
            | "Your"
            | "Here"
            | "There"
            | "Congratulations"
            | "Countries"
            | "Sign"
            | "Up"
            | "Related"
            | "Reads"
            | "Comments"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Today"
            | "Yesterday"
            | "Tomorrow"
            | "Tungsten"
            | "Economic"
            | "Political"
            | "Mostly"
            | "Symbolic"
            | "Move"
            | "Background"
            | "Profile"
            | "Agreements"
            | "Signed"
            | "Let"
            | "Please"
            | "Do"
            | "Does"
            | "Did"
            | "Is"
            | "Are"
            | "Was"
            | "Were"
            | "Will"
            | "Would"
            | "GDP"
            | "HDI"
            | "CEO"
            | "One"
            | "Two"
            | "Three"
            | "First"
            | "Second"
            | "Third"
            | "Last"
            | "Next"
            | "New"
    )
}

/// The canonical name and type of an entity name as written ("U.S." → United States, place).
pub fn canonical_entity(name: &str) -> (String, EntityType) {
    let n = name.trim();
    let alias = match n {
        "US"
        | "U.S."
        | "USA"
        | "U.S.A."
        | "United States"
        | "United States of America"
        | "America"
        | "American"
        | "Americans" => Some("United States"),
        "UAE" | "U.A.E." | "United Arab Emirates" | "Emirati" | "Emirates" => {
            Some("United Arab Emirates")
        }
        "UK" | "U.K." | "Britain" | "Great Britain" | "United Kingdom" | "British" => {
            Some("United Kingdom")
        }
        "EU" | "E.U." | "European Union" => Some("European Union"),
        "UN" | "U.N." | "United Nations" => Some("United Nations"),
        "Kazakh" | "Kazakhs" | "Kazakhstani" => Some("Kazakhstan"),
        "Israeli" | "Israelis" => Some("Israel"),
        "Russian" | "Russians" | "Russian Federation" => Some("Russia"),
        "Chinese" => Some("China"),
        "Saudi" | "Saudis" | "KSA" => Some("Saudi Arabia"),
        "Palestinian" | "Palestinians" => Some("Palestine"),
        "Soviet" | "USSR" | "U.S.S.R." => Some("Soviet Union"),
        "Central Asian" | "Central Asians" => Some("Central Asia"),
        "Asian" => Some("Asia"),
        "European" | "Europeans" => Some("Europe"),
        "Middle Eastern" => Some("Middle East"),
        _ => None,
    };
    let name = alias.map(str::to_string).unwrap_or_else(|| n.to_string());
    let kind = entity_type(&name);
    (name, kind)
}

fn entity_type(name: &str) -> EntityType {
    const PLACES: &[&str] = &[
        "United States",
        "United Arab Emirates",
        "United Kingdom",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
        "Israel",
        "Russia",
        "China",
        "Bahrain",
        "Morocco",
        "Saudi Arabia",
        "Palestine",
        "Egypt",
        "Jordan",
        "Sudan",
        "Iran",
        "Iraq",
        "Syria",
        "Lebanon",
        "Turkey",
        "India",
        "Pakistan",
        "Japan",
        "Germany",
        "France",
        "Italy",
        "Spain",
        "Canada",
        "Mexico",
        "Brazil",
        "Ukraine",
        "Poland",
        "Washington",
        "Riyadh",
        "Moscow",
        "Beijing",
        "Astana",
        "Almaty",
        "Jerusalem",
        "Gaza",
        "Gaza Strip",
        "Central Asia",
        "Middle East",
        "Asia",
        "Europe",
        "Africa",
        "Soviet Union",
        "State of Palestine",
        "Qatar",
        "Oman",
        "Kuwait",
        "Azerbaijan",
        "Armenia",
        "Georgia",
        "Mongolia",
        "Afghanistan",
        "London",
        "Paris",
        "Berlin",
        "New York",
    ];
    const ORG_WORDS: &[&str] = &[
        "Ministry",
        "Media",
        "Council",
        "Company",
        "Inc",
        "Inc.",
        "Corp",
        "Corp.",
        "Group",
        "Bank",
        "Fund",
        "Party",
        "Agency",
        "Organization",
        "Organisation",
        "Department",
        "House",
        "Office",
        "Commission",
        "Committee",
        "Institute",
        "University",
        "News",
        "Times",
        "Post",
        "Today",
        "Starlink",
        "Veon",
        "Cove-Capital",
        "NATO",
        "United Nations",
        "European Union",
        "Parliament",
        "Senate",
        "Congress",
        "Government",
        "Capital",
        "Ltd",
        "Association",
        "Authority",
        "Court",
        "Foundation",
        "Reuters",
        "Social",
    ];
    if PLACES.contains(&name) {
        return EntityType::Place;
    }
    if name.split_whitespace().any(|w| ORG_WORDS.contains(&w)) || ORG_WORDS.contains(&name) {
        return EntityType::Organization;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !name.contains(" of ")
    {
        return EntityType::Person;
    }
    EntityType::Other
}

/// Appends the entities of one sentence (relative offsets), skipping spans already taken.
pub(super) fn extract(sent: &str, out: &mut Vec<Mention>) {
    let taken_len = out.len();
    for m in CAPS.find_iter(sent) {
        let mut start = m.start();
        let mut text = m.as_str();
        let mut titled = false;
        // Leading sentence words ("The", "In") are not part of a name.
        loop {
            let first = text.split_whitespace().next().unwrap_or("");
            if is_common(first) {
                let skip = first.len()
                    + (text[first.len()..].len() - text[first.len()..].trim_start().len());
                start += skip;
                text = &text[skip..];
                if text.is_empty() {
                    break;
                }
                continue;
            }
            // Titles before a name: "President Donald Trump" → "Donald Trump".
            if let Some(t) = TITLES
                .iter()
                .find(|t| text.starts_with(**t) && text[t.len()..].starts_with(' '))
            {
                let skip = t.len() + 1;
                // Keep a country qualifier out: "Kazakh President Tokayev" is handled as two runs.
                start += skip;
                text = &text[skip..];
                titled = true;
                continue;
            }
            break;
        }
        // A possessive ends a name: "Kazakhstan's GDP" names Kazakhstan.
        let text = match text.find("’s ").or_else(|| text.find("'s ")) {
            Some(p) => {
                &text[..p + if text[p..].starts_with('’') {
                    "’s".len()
                } else {
                    2
                }]
            }
            None => text,
        };
        // Connectors and stray common words at the end ("Trump and").
        let text = text
            .trim_end_matches(" and")
            .trim_end_matches(" of")
            .trim_end_matches(" the");
        // A leading country adjective ("Kazakh President Kassym-Jomart Tokayev", "Israeli Prime Minister …").
        let mut pieces: Vec<(usize, &str, bool)> = Vec::new();
        if let Some((first, rest)) = text.split_once(' ') {
            let rest_trim = rest.trim_start();
            let title = TITLES
                .iter()
                .find(|t| rest_trim.starts_with(**t) && rest_trim[t.len()..].starts_with(' '));
            if let (Some(t), true) = (title, canonical_entity(first).1 == EntityType::Place) {
                pieces.push((start, first, false));
                let off = start + first.len() + 1 + (rest.len() - rest_trim.len()) + t.len() + 1;
                pieces.push((off, &rest_trim[t.len() + 1..], true));
            }
        }
        if pieces.is_empty() {
            pieces.push((start, text, titled));
        }
        for (s, t, titled) in pieces {
            let (t, s) = (t.trim(), s + (t.len() - t.trim_start().len()));
            let bare = t.trim_end_matches("’s").trim_end_matches("'s");
            if bare.is_empty() || is_common(bare) || bare.len() < 2 {
                continue;
            }
            let e = s + bare.len();
            if overlaps(&out[..taken_len], s, e) {
                continue;
            }
            let (name, mut kind) = canonical_entity(bare);
            if titled && kind == EntityType::Other {
                kind = EntityType::Person;
            }
            out.push(Mention {
                start: s,
                end: e,
                sentence: 0,
                value: Value::Entity { name, kind },
            });
        }
    }
}
