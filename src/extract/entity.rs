//! Named entities: runs of capitalised words, with titles stripped ("President Donald Trump" →
//! Donald Trump), possessives split off ("Kazakhstan's Foreign Ministry" → Kazakhstan, Foreign
//! Ministry), lists split ("Russia and China"), and aliases resolved ("U.S." = "US" = "United
//! States", "the UAE" = "United Arab Emirates", "Kazakh" = Kazakhstan). Surnames are resolved to
//! full names later, per text ([`super::extract`]).
//!
//! Typing is by gazetteer (places, aliases), by the last word (Ministry, Bank → organisation;
//! Accords, Summit → other; River, Province → place), and by shape: two or three name-like words
//! that are not common English words are a person, as is anything after a title.

use super::words;
use super::{Mention, Taken, TrimEndStr, Value, WordSet};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
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

/// Runs of capitalised words in `sent`, left to right, as (start, end): a capitalised word
/// (letters, inner hyphens, dotted initials like U.S., or an abbreviated title like Mr.), then
/// more of them, each maybe after "of", "the", "and"…: the matches of the pattern
/// [`caps_src`], found by a scanner written for it (the test
/// `caps_scanner_finds_what_the_pattern_finds` holds it to the pattern) because this pattern
/// runs over every sentence.
fn caps(sent: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = sent.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // Every run starts at an ASCII capital: the others are skipped eight bytes at a time.
        while let Some(p) = crate::bytes::find_ascii_upper(b, at) {
            if let Some(end) = caps_at(sent, p) {
                at = end;
                return Some((p, end));
            }
            at = p + 1;
        }
        at = b.len();
        None
    })
}

/// The runs of [`caps`], a run that ends in a middle initial joined to the next run: "President
/// Donald J. Trump" is one name, not "President Donald J" and "Trump". Not before a common or
/// known word ("Plan B. The", "Group A. Kazakhstan").
fn name_runs(sent: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = sent.as_bytes();
    let mut runs = caps(sent).peekable();
    std::iter::from_fn(move || {
        let (start, mut end) = runs.next()?;
        while end >= start + 3
            && b[end - 1].is_ascii_uppercase()
            && b[end - 2] == b' '
            && b.get(end) == Some(&b'.')
            && b.get(end + 1) == Some(&b' ')
        {
            match runs.peek() {
                Some(&(s, e)) if s == end + 2 => {
                    let first = sent[s..e].split(' ').next().unwrap_or("");
                    if is_common(first) || is_common_word(&first.to_lowercase()) || is_known(first)
                    {
                        break;
                    }
                    end = e;
                    runs.next();
                }
                _ => break,
            }
        }
        Some((start, end))
    })
}

/// The abbreviated titles of the capitalised-run pattern, in its order ([`caps_src`] is
/// written with them, [`caps_word`] reads them).
const CAPS_TITLES: [&str; 17] = [
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Adm", "Sgt", "Prof",
    "Maj", "Cmdr", "St",
];

/// The lower-case words that may join two capitalised words, in the pattern's order
/// ([`caps_src`] is written with them, [`caps_at`] reads them).
const CAPS_JOINERS: [&str; 15] = [
    "of", "the", "for", "and", "de", "al", "bin", "von", "van", "du", "la", "del", "da", "di", "le",
];

/// The two-word particles that may join two capitalised words too ("Ursula von der Leyen", "Juan
/// de la Cruz"), in the pattern's order.
const CAPS_PARTICLES: [&str; 4] = ["von der", "van der", "van den", "de la"];

/// The end of the match of [`caps_src`] starting at `p`, if one does.
fn caps_at(sent: &str, p: usize) -> Option<usize> {
    let mut end = caps_word(sent, p, true)?;
    // More words: white space, maybe a joining word and white space, a capitalised word.
    'more: loop {
        let gap = skip_spaces(sent, end);
        if gap == end {
            break;
        }
        // A joining word is all letters and white space follows it: it is the whole run of
        // letters at `gap` (one run equals one joining word at most).
        let after = skip_letters(sent, gap);
        if CAPS_JOINERS.contains(&&sent[gap..after]) {
            let next = skip_spaces(sent, after);
            if next > after {
                if let Some(e) = caps_word(sent, next, false) {
                    end = e;
                    continue 'more;
                }
                // "von der": the particle's second word, then white space.
                let second = skip_letters(sent, next);
                let pair = Some((&sent[gap..after], &sent[next..second]));
                let next = skip_spaces(sent, second);
                if next > second && CAPS_PARTICLES.iter().any(|p| p.split_once(' ') == pair) {
                    if let Some(e) = caps_word(sent, next, false) {
                        end = e;
                        continue 'more;
                    }
                }
            }
        }
        match caps_word(sent, gap, false) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(end)
}

/// The end of one capitalised word of [`caps_src`] at `p` (the first of a run needs a word
/// boundary before its title or word; dotted initials need none).
fn caps_word(sent: &str, p: usize, first: bool) -> Option<usize> {
    let b = sent.as_bytes();
    // Dotted initials: (?:[A-Z]\.){2,}
    let mut q = p;
    while q + 1 < b.len() && b[q].is_ascii_uppercase() && b[q + 1] == b'.' {
        q += 2;
    }
    if q - p >= 4 {
        return Some(q);
    }
    let boundary = !first || p == 0 || !(b[p - 1].is_ascii_alphanumeric() || b[p - 1] == b'_');
    if !boundary || !b.get(p).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    // A title is all letters and a full stop follows it: it is the whole run of letters at `p`.
    let mut q = skip_letters(sent, p + 1);
    if b.get(q) == Some(&b'.') && CAPS_TITLES.contains(&&sent[p..q]) {
        return Some(q + 1);
    }
    // [A-Z][^\W\d_]*(?:[-–][A-Z][^\W\d_]*)*(?:’s|'s)?
    loop {
        let dash = if sent[q..].starts_with('-') {
            1
        } else if sent[q..].starts_with('–') {
            '–'.len_utf8()
        } else {
            break;
        };
        if !b.get(q + dash).is_some_and(u8::is_ascii_uppercase) {
            break;
        }
        q = skip_letters(sent, q + dash + 1);
    }
    if sent[q..].starts_with("’s") {
        q += "’s".len();
    } else if sent[q..].starts_with("'s") {
        q += 2;
    }
    Some(q)
}

/// The first position at or after `from` whose char is not `keep`'s (or the end); an ASCII
/// byte is tested by `ascii` (`keep` on ASCII), other chars by `keep`.
fn skip_while(s: &str, from: usize, ascii: fn(u8) -> bool, keep: fn(char) -> bool) -> usize {
    let mut i = from;
    while i < s.len() {
        let c = super::char_at(s, i);
        if !(if c.is_ascii() {
            ascii(c as u8)
        } else {
            keep(c)
        }) {
            return i;
        }
        i += c.len_utf8();
    }
    i
}

/// The end of the letters (`[^\W\d_]`) from `from`.
fn skip_letters(s: &str, from: usize) -> usize {
    skip_while(
        s,
        from,
        |b| b.is_ascii_alphabetic(),
        super::pattern::is_letter_char,
    )
}

/// The end of the white space (`\s`) from `from`.
fn skip_spaces(s: &str, from: usize) -> usize {
    skip_while(
        s,
        from,
        |b| matches!(b, b'\t'..=b'\r' | b' '),
        super::pattern::is_space_char,
    )
}

/// The source of the capitalised-run pattern [`caps`] scans for: its definition (the engine's
/// tests run it, and the scanner's test compares the two).
fn caps_src() -> String {
    format!(
        r"(?x)
        (?:(?:[A-Z]\.){{2,}}|(?-u:\b)(?:{titles})\.|(?-u:\b)[A-Z][^\W\d_]*(?:[-–][A-Z][^\W\d_]*)*(?:’s|'s)?)
        (?:\s+(?:(?:{particles}|{joiners})\s+)?(?:(?:[A-Z]\.){{2,}}|(?:{titles})\.|[A-Z][^\W\d_]*(?:[-–][A-Z][^\W\d_]*)*(?:’s|'s)?))*",
        titles = CAPS_TITLES.join("|"),
        joiners = CAPS_JOINERS.join("|"),
        particles = CAPS_PARTICLES.map(|p| p.replace(' ', r"\s+")).join("|"),
    )
}

/// Titles before a name, longest first so that "Secretary of State" wins over "Secretary".
const TITLES: &str = packed![
    "Deputy Prime Minister",
    "Secretary of State",
    "Secretary-General",
    "Secretary General",
    "Attorney General",
    "Defense Secretary",
    "Defence Secretary",
    "Treasury Secretary",
    "Commerce Secretary",
    "Foreign Secretary",
    "Home Secretary",
    "Energy Secretary",
    "Foreign Minister",
    "Finance Minister",
    "Defense Minister",
    "Defence Minister",
    "Interior Minister",
    "Economy Minister",
    "Energy Minister",
    "Trade Minister",
    "Health Minister",
    "Deputy Minister",
    "Prime Minister",
    "Vice President",
    "President-elect",
    "Crown Prince",
    "Special Envoy",
    "Chief Executive",
    "Minister",
    "President",
    "Premier",
    "Secretary",
    "Ambassador",
    "Envoy",
    "Senator",
    "Governor",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Speaker",
    "Chancellor",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Chief",
    "Director",
    "Commissioner",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Judge",
    "Justice",
    "Mayor",
    "Pope",
    "General",
    "Colonel",
    "Captain",
    "Admiral",
    "Sergeant",
    "Professor",
    "Sheikh",
    "Emir",
    "Sultan",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Archbishop",
    "Bishop",
    "Rabbi",
    "Imam",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Former",
    "Acting",
    "Deputy",
    "CEO",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Gen.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Lt.",
    "Col.",
    "Capt.",
    "Adm.",
    "Sgt.",
    "Prof.",
    "Maj.",
    "Cmdr.",
];

/// Capitalised words that start sentences or name no entity on their own.
fn is_common(w: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(COMMON));
    SET.contains(w)
}

/// The words of [`is_common`].
const COMMON: &str = packed![
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "If",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "As",
    "By",
    "From",
    "With",
    "To",
    "Of",
    "After",
    "Before",
    "Although",
    "Though",
    "Thus",
    "So",
    "Now",
    "Then",
    "When",
    "While",
    "Where",
    "What",
    "Who",
    "Why",
    "How",
    "According",
    "Praising",
    "Some",
    "Many",
    "Most",
    "Several",
    "Both",
    "Either",
    "Neither",
    "Only",
    "Even",
    "All",
    "Each",
    "Every",
    "No",
    "Not",
    "Also",
    "Yet",
    "Still",
    "Since",
    "During",
    "Under",
    "Over",
    "Your",
    "Here",
    "There",
    "Congratulations",
    "Countries",
    "Sign",
    "Up",
    "Related",
    "Reads",
    "Comments",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "NOV",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Tungsten",
    "Economic",
    "Political",
    "Mostly",
    "Symbolic",
    "Move",
    "Background",
    "Profile",
    "Agreements",
    "Signed",
    "Let",
    "Please",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Will",
    "Would",
    "GDP",
    "HDI",
    "CEO",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "First",
    "Second",
    "Third",
    "Last",
    "Next",
    "New",
    "Former",
    "Late",
    "Acting",
    "Read",
    "More",
    "Share",
    "Advertisement",
    "Photo",
    "Video",
    "Watch",
    "Listen",
    "Subscribe",
    "Updated",
    "Published",
    "Breaking",
    "Exclusive",
    "Analysis",
    "Opinion",
    "Q",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Common English words (lower-case): a capitalised one opening a sentence is not a name
/// ("Officials said …", "Exports rose …"), and a name made of them is not a person's ("Make
/// America Great Again", "Truth Social").
fn is_common_word(w: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(COMMON_WORDS));
    SET.contains(w)
}

/// The words of [`is_common_word`].
const COMMON_WORDS: &str = packed![
    "officials",
    "official",
    "analysts",
    "experts",
    "critics",
    "residents",
    "authorities",
    "police",
    "prices",
    "sales",
    "exports",
    "imports",
    "shares",
    "markets",
    "investors",
    "investment",
    "investments",
    "lawmakers",
    "voters",
    "talks",
    "negotiations",
    "trade",
    "growth",
    "inflation",
    "unemployment",
    "revenue",
    "profits",
    "output",
    "production",
    "demand",
    "supply",
    "oil",
    "gas",
    "data",
    "figures",
    "results",
    "reports",
    "sources",
    "witnesses",
    "protesters",
    "troops",
    "soldiers",
    "rescuers",
    "doctors",
    "scientists",
    "researchers",
    "students",
    "workers",
    "employees",
    "companies",
    "firms",
    "banks",
    "governments",
    "leaders",
    "ministers",
    "diplomats",
    "delegates",
    "members",
    "fans",
    "players",
    "teams",
    "observers",
    "turnover",
    "relations",
    "ties",
    "tensions",
    "elections",
    "election",
    "voting",
    "polls",
    "costs",
    "spending",
    "funding",
    "aid",
    "debt",
    "taxes",
    "rates",
    "interest",
    "energy",
    "power",
    "water",
    "food",
    "health",
    "education",
    "security",
    "peace",
    "war",
    "fighting",
    "violence",
    "attacks",
    "strikes",
    "sanctions",
    "tariffs",
    "deals",
    "deal",
    "agreement",
    "plans",
    "plan",
    "efforts",
    "work",
    "construction",
    "damage",
    "casualties",
    "deaths",
    "cases",
    "infections",
    "vaccines",
    "hospitals",
    "schools",
    "families",
    "children",
    "women",
    "men",
    "people",
    "citizens",
    "farmers",
    "drivers",
    "passengers",
    "tourists",
    "visitors",
    "migrants",
    "refugees",
    "nations",
    "states",
    "regions",
    "cities",
    "towns",
    "villages",
    "areas",
    "parts",
    "details",
    "terms",
    "both",
    "neither",
    "either",
    "another",
    "other",
    "others",
    "such",
    "several",
    "few",
    "much",
    "more",
    "less",
    "fewer",
    "only",
    "even",
    "just",
    "however",
    "meanwhile",
    "moreover",
    "furthermore",
    "instead",
    "indeed",
    "overall",
    "together",
    "earlier",
    "later",
    "recently",
    "currently",
    "previously",
    "finally",
    "first",
    "second",
    "third",
    "last",
    "next",
    "once",
    "again",
    "already",
    "never",
    "always",
    "often",
    "sometimes",
    "perhaps",
    "maybe",
    "despite",
    "because",
    "unless",
    "until",
    "whether",
    "without",
    "within",
    "among",
    "against",
    "between",
    "through",
    "across",
    "around",
    "about",
    "above",
    "below",
    "near",
    "along",
    "beyond",
    "inside",
    "outside",
    "asked",
    "told",
    "speaking",
    "responding",
    "writing",
    "asked about",
    "citing",
    "following",
    "including",
    "given",
    "based",
    "thanks",
    "make",
    "great",
    "truth",
    "social",
    "join",
    "announces",
    "says",
    "said",
    "new",
    "old",
    "big",
    "small",
    "high",
    "low",
    "good",
    "bad",
    "best",
    "top",
    "key",
    "major",
    "global",
    "world",
    "national",
    "international",
    "local",
    "public",
    "private",
    "state",
    "federal",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "breaking",
    "live",
    "update",
    "updates",
    "latest",
    "news",
    "today",
    "week",
    "month",
    "year",
    "day",
    "time",
    "home",
    "back",
    "out",
    "off",
    "down",
    "away",
    "well",
    "very",
    "quite",
    "too",
    "yes",
    "no",
    "not",
    "nor",
    "something",
    "nothing",
    "everyone",
    "everything",
    "someone",
    "anyone",
    "nobody",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
    "scores",
    "half",
    "one",
    "two",
    "three",
    "like",
    "unlike",
    "amid",
    "to",
    "for",
    "and",
    "or",
    "but",
    "so",
    "yet",
    "if",
    "then",
    "than",
];

/// Known acronyms that are names even when long ("UNESCO"); other all-capital words of six
/// letters or more are shouting ("STRENGTH").
fn is_known_acronym(w: &str) -> bool {
    matches!(
        w,
        "UNESCO" | "UNICEF" | "NASDAQ" | "INTERPOL" | "UNHCR" | "UNRWA" | "NORAD" | "SEATO"
    )
}

/// The canonical name and type of an entity name as written ("U.S." → United States, place).
pub fn canonical_entity(name: &str) -> (String, EntityType) {
    let n = name.trim();
    let n = n
        .strip_prefix("the ")
        .or_else(|| n.strip_prefix("The "))
        .unwrap_or(n);
    let name = alias(n)
        .map(str::to_string)
        .unwrap_or_else(|| n.to_string());
    let kind = entity_type(&name);
    (name, kind)
}

/// The canonical name of an alias or demonym, if it is one.
fn alias(n: &str) -> Option<&'static str> {
    static SET: LazyLock<(WordSet, Vec<&str>)> = LazyLock::new(|| {
        let pairs = words(ALIASES).flat_map(|line| {
            let mut names = line.split('|');
            let c = names.next().unwrap_or("");
            names.map(move |w| (w, c))
        });
        let (words, canonical): (Vec<&str>, Vec<&str>) = pairs.unzip();
        (WordSet::new(&words), canonical)
    });
    let (set, canonical) = &*SET;
    set.find(n).map(|i| canonical[i])
}

/// Each canonical name with its aliases and demonyms, a line each: the name, then each alias
/// after a "|" (an alias listed twice belongs to its first name).
const ALIASES: &str = packed![
    "United States|US|U.S.|USA|U.S.A.|United States|United States of America|America|American|Americans",
    "United Arab Emirates|UAE|U.A.E.|United Arab Emirates|Emirati|Emiratis|Emirates",
    "United Kingdom|UK|U.K.|Britain|Great Britain|United Kingdom|British|Briton|Britons",
    "European Union|EU|E.U.|European Union",
    "United Nations|UN|U.N.|United Nations",
    "Kazakhstan|Kazakh|Kazakhs|Kazakhstani|Kazakhstanis|Republic of Kazakhstan",
    "Israel|Israeli|Israelis|State of Israel",
    "Russia|Russian|Russians|Russian Federation",
    "China|Chinese|PRC|People's Republic of China",
    "Saudi Arabia|Saudi|Saudis|KSA",
    "Palestine|Palestinian|Palestinians",
    "Soviet Union|Soviet|USSR|U.S.S.R.",
    "Central Asia|Central Asian|Central Asians",
    "Asia|Asian",
    "Europe|European|Europeans",
    "Africa|African",
    "Middle East|Middle Eastern",
    "France|French",
    "Germany|German|Germans",
    "Japan|Japanese",
    "India|Indian|Indians",
    "Turkey|Turkish|Turks|Türkiye",
    "Iran|Iranian|Iranians",
    "Iraq|Iraqi|Iraqis",
    "Syria|Syrian|Syrians",
    "Lebanon|Lebanese",
    "Jordan|Jordanian|Jordanians",
    "Egypt|Egyptian|Egyptians",
    "Morocco|Moroccan|Moroccans",
    "Bahrain|Bahraini|Bahrainis",
    "Qatar|Qatari|Qataris",
    "Oman|Omani",
    "Kuwait|Kuwaiti",
    "Ukraine|Ukrainian|Ukrainians",
    "Poland|Polish|Poles",
    "Italy|Italian|Italians",
    "Spain|Spanish",
    "Canada|Canadian|Canadians",
    "Mexico|Mexican|Mexicans",
    "Brazil|Brazilian|Brazilians",
    "Pakistan|Pakistani|Pakistanis",
    "Afghanistan|Afghan|Afghans",
    "Uzbekistan|Uzbek|Uzbeks",
    "Kyrgyzstan|Kyrgyz",
    "Tajikistan|Tajik|Tajiks",
    "Turkmenistan|Turkmen",
    "Azerbaijan|Azerbaijani|Azeri|Azeris",
    "Armenia|Armenian|Armenians",
    "Georgia|Georgian|Georgians",
    "Mongolia|Mongolian|Mongolians",
    "Belarus|Belarusian|Belarusians",
    "Australia|Australian|Australians",
    "Netherlands|Dutch",
    "Netherlands|Holland",
    "Switzerland|Swiss",
    "Sweden|Swedish|Swedes",
    "Norway|Norwegian|Norwegians",
    "Finland|Finnish|Finns",
    "Denmark|Danish|Danes",
    "Greece|Greek|Greeks",
    "Nigeria|Nigerian|Nigerians",
    "Kenya|Kenyan|Kenyans",
    "Ethiopia|Ethiopian|Ethiopians",
    "South Africa|South African|South Africans",
    "South Korea|South Korean|South Koreans",
    "North Korea|North Korean|North Koreans",
    "Vietnam|Vietnamese",
    "Indonesia|Indonesian|Indonesians",
    "Philippines|Filipino|Filipinos",
    "Thailand|Thai",
    "Malaysia|Malaysian|Malaysians",
    "Singapore|Singaporean|Singaporeans",
    "Argentina|Argentine|Argentinian|Argentinians",
    "Chile|Chilean|Chileans",
    "Colombia|Colombian|Colombians",
    "Venezuela|Venezuelan|Venezuelans",
    "Cuba|Cuban|Cubans",
    "Ireland|Irish",
    "Portugal|Portuguese",
    "Austria|Austrian|Austrians",
    "Belgium|Belgian|Belgians",
    "Czech Republic|Czech|Czechs",
    "Hungary|Hungarian|Hungarians",
    "Romania|Romanian|Romanians",
    "Serbia|Serbian|Serbs",
    "Algeria|Algerian|Algerians",
    "Tunisia|Tunisian|Tunisians",
    "Libya|Libyan|Libyans",
    "Sudan|Sudanese",
    "Yemen|Yemeni|Yemenis",
];

/// Countries, regions and cities.
const PLACES: &str = packed![
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
    "South Sudan",
    "Iran",
    "Iraq",
    "Syria",
    "Lebanon",
    "Turkey",
    "India",
    "Pakistan",
    "Bangladesh",
    "Sri Lanka",
    "Nepal",
    "Japan",
    "South Korea",
    "North Korea",
    "Korea",
    "Taiwan",
    "Vietnam",
    "Thailand",
    "Malaysia",
    "Singapore",
    "Indonesia",
    "Philippines",
    "Australia",
    "New Zealand",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "Portugal",
    "Netherlands",
    "Belgium",
    "Switzerland",
    "Austria",
    "Sweden",
    "Norway",
    "Finland",
    "Denmark",
    "Ireland",
    "Iceland",
    "Greece",
    "Cyprus",
    "Malta",
    "Poland",
    "Czech Republic",
    "Slovakia",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Serbia",
    "Croatia",
    "Bosnia and Herzegovina",
    "Albania",
    "Moldova",
    "Belarus",
    "Lithuania",
    "Latvia",
    "Estonia",
    "Canada",
    "Mexico",
    "Brazil",
    "Argentina",
    "Chile",
    "Peru",
    "Colombia",
    "Venezuela",
    "Cuba",
    "Ukraine",
    "Nigeria",
    "Kenya",
    "Ethiopia",
    "South Africa",
    "Algeria",
    "Tunisia",
    "Libya",
    "Yemen",
    "Somalia",
    "Ghana",
    "Washington",
    "Riyadh",
    "Moscow",
    "Beijing",
    "Shanghai",
    "Hong Kong",
    "Tokyo",
    "Seoul",
    "Delhi",
    "New Delhi",
    "Mumbai",
    "Astana",
    "Almaty",
    "Tashkent",
    "Bishkek",
    "Dushanbe",
    "Ashgabat",
    "Baku",
    "Tbilisi",
    "Yerevan",
    "Ankara",
    "Istanbul",
    "Tehran",
    "Baghdad",
    "Damascus",
    "Beirut",
    "Amman",
    "Cairo",
    "Dubai",
    "Abu Dhabi",
    "Doha",
    "Kabul",
    "Islamabad",
    "Jerusalem",
    "Tel Aviv",
    "Gaza",
    "Gaza Strip",
    "West Bank",
    "Central Asia",
    "Middle East",
    "Asia",
    "Europe",
    "Africa",
    "North America",
    "South America",
    "Latin America",
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
    "Rome",
    "Madrid",
    "Brussels",
    "Vienna",
    "Geneva",
    "Kyiv",
    "Kiev",
    "Warsaw",
    "Ottawa",
    "New York",
    "New Jersey",
    "New Mexico",
    "New Orleans",
    "Los Angeles",
    "Chicago",
    "San Francisco",
    "Texas",
    "California",
    "Florida",
    "Silicon Valley",
    "Caspian Sea",
    "Black Sea",
    "Persian Gulf",
    "Red Sea",
    "Siberia",
    "Crimea",
    "Donbas",
];

/// Words that make a name an organisation.
const ORG_WORDS: &str = packed![
    "Ministry",
    "Media",
    "Council",
    "Company",
    "Co",
    "Co.",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "LLC",
    "PLC",
    "Ltd",
    "Ltd.",
    "Group",
    "Holdings",
    "Industries",
    "Airlines",
    "Airways",
    "Motors",
    "Technologies",
    "Systems",
    "Energy",
    "Petroleum",
    "Oil",
    "Gas",
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
    "College",
    "School",
    "Academy",
    "Hospital",
    "Club",
    "Network",
    "Press",
    "Herald",
    "Journal",
    "Tribune",
    "Gazette",
    "News",
    "Times",
    "Post",
    "Today",
    "Reuters",
    "Bloomberg",
    "Exchange",
    "Reserve",
    "Treasury",
    "Cabinet",
    "Assembly",
    "Parliament",
    "Senate",
    "Congress",
    "Duma",
    "Knesset",
    "Mazhilis",
    "Majlis",
    "Government",
    "Administration",
    "Kremlin",
    "Pentagon",
    "Capital",
    "Association",
    "Federation",
    "Union",
    "Alliance",
    "League",
    "Forces",
    "Army",
    "Navy",
    "Guard",
    "Police",
    "Board",
    "Bureau",
    "Service",
    "Services",
    "Center",
    "Centre",
    "Authority",
    "Court",
    "Foundation",
    "Trust",
    "Social",
    "Starlink",
    "Veon",
    "Cove-Capital",
    "NATO",
    "OPEC",
    "IMF",
    "WHO",
    "WTO",
    "OSCE",
    "ASEAN",
    "SCO",
    "CSTO",
    "UNESCO",
    "UNICEF",
    "FBI",
    "CIA",
    "NASA",
    "United Nations",
    "European Union",
    "World Bank",
    "Google",
    "Apple",
    "Microsoft",
    "Amazon",
    "Tesla",
    "SpaceX",
    "Meta",
    "OpenAI",
    "Samsung",
    "Toyota",
    "Boeing",
    "Airbus",
    "Chevron",
    "ExxonMobil",
    "Kazatomprom",
    "KazMunayGas",
    "Gazprom",
    "Rosneft",
    "Aramco",
];

/// Last words that make a name something other than a person, place or organisation.
const OTHER_WORDS: &str = packed![
    "Accords",
    "Accord",
    "Agreement",
    "Agreements",
    "Treaty",
    "Pact",
    "Deal",
    "Act",
    "Bill",
    "Law",
    "Charter",
    "Declaration",
    "Convention",
    "Protocol",
    "Doctrine",
    "Summit",
    "Forum",
    "Conference",
    "Congress of",
    "Initiative",
    "Plan",
    "Program",
    "Programme",
    "Project",
    "Strategy",
    "Award",
    "Awards",
    "Prize",
    "Cup",
    "Games",
    "Olympics",
    "Championship",
    "War",
    "Day",
    "Index",
    "Report",
    "Festival",
    "Expo",
    "Again",
    "Amendment",
];

/// Last words that make a name a place.
const PLACE_WORDS: &str = packed![
    "Street",
    "Avenue",
    "Road",
    "Square",
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Mount",
    "Island",
    "Islands",
    "Sea",
    "Ocean",
    "Gulf",
    "Bay",
    "Province",
    "Region",
    "Republic",
    "Kingdom",
    "City",
    "County",
    "Strait",
    "Valley",
    "Peninsula",
    "Desert",
    "Coast",
    "Oblast",
    "District",
    "Airport",
    "Port",
    "Canal",
];

/// Whether a name is known without context: a gazetteer place, an alias or an organisation.
pub(super) fn is_known(name: &str) -> bool {
    alias(name).is_some() || is_place(name) || is_org_word(name)
}

/// A word list as a set: `contains` by hash instead of a scan of hundreds of names.
fn set_of(list: &'static str) -> HashSet<&'static str, Fast> {
    words(list).collect()
}

/// A quick hash for the gazetteer's short words (membership only, never iterated into output):
/// SipHash, the default, cost more than the rest of a lookup.
type Fast = crate::corpus::FastHash;

static PLACE_SET: LazyLock<HashSet<&'static str, Fast>> = LazyLock::new(|| set_of(PLACES));
static ORG_SET: LazyLock<HashSet<&'static str, Fast>> = LazyLock::new(|| set_of(ORG_WORDS));
/// [`OTHER_WORDS`] and [`PLACE_WORDS`] unpacked, for `contains`.
static OTHER_LIST: LazyLock<HashSet<&'static str, Fast>> = LazyLock::new(|| set_of(OTHER_WORDS));
static PLACE_WORD_LIST: LazyLock<HashSet<&'static str, Fast>> =
    LazyLock::new(|| set_of(PLACE_WORDS));
/// Each title's first position in [`TITLES`].
static TITLE_INDEX: LazyLock<HashMap<&'static str, usize, Fast>> = LazyLock::new(|| {
    let mut index = HashMap::default();
    for (i, t) in words(TITLES).enumerate() {
        index.entry(t).or_insert(i);
    }
    index
});
/// The longest title, in bytes.
static TITLE_MAX: LazyLock<usize> =
    LazyLock::new(|| words(TITLES).map(str::len).max().unwrap_or(0));

/// `PLACES.contains(&name)`.
fn is_place(name: &str) -> bool {
    PLACE_SET.contains(name)
}

/// `ORG_WORDS.contains(&name)`.
fn is_org_word(name: &str) -> bool {
    ORG_SET.contains(name)
}

/// `TITLES.contains(&w)`.
fn is_title(w: &str) -> bool {
    TITLE_INDEX.contains_key(w)
}

/// The first title of [`TITLES`] (in its order) that `text` starts with, followed by a space:
/// `TITLES.iter().find(|t| text.starts_with(**t) && text[t.len()..].starts_with(' '))`.
fn title_prefix(text: &str) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for (k, _) in text.match_indices(' ') {
        if k > *TITLE_MAX {
            break;
        }
        if let Some((&t, &i)) = TITLE_INDEX.get_key_value(&text[..k]) {
            best = Some(best.map_or((i, t), |b| b.min((i, t))));
        }
    }
    best.map(|(_, t)| t)
}

/// One word that ends in what a company does ("Kazakhtelecom", "Microsoft", "Citibank"): a
/// company's name.
fn has_org_suffix(name: &str) -> bool {
    const SUFFIXES: [&str; 8] = [
        "telecom", "bank", "soft", "tech", "pharma", "energo", "mobile", "neft",
    ];
    !name.contains(' ')
        && name.is_ascii()
        && SUFFIXES.iter().any(|s| {
            name.len() >= s.len() + 3
                && name.as_bytes()[name.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
        })
}

fn entity_type(name: &str) -> EntityType {
    if is_place(name) {
        return EntityType::Place;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    if words.iter().any(|w| is_org_word(w)) || is_org_word(name) || has_org_suffix(name) {
        return EntityType::Organization;
    }
    if OTHER_LIST.contains(last) {
        return EntityType::Other;
    }
    if words.len() >= 2 && PLACE_WORD_LIST.contains(last) {
        return EntityType::Place;
    }
    if words.len() >= 2 && PLACE_WORD_LIST.contains(words[0]) && words[1] == "of" {
        return EntityType::Place; // "Republic of Korea", "Gulf of Mexico"
    }
    let name_like = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !is_common_word(&w.to_lowercase())
            && !(w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.') && w.len() > 4)
            && alias(w).is_none()
            && !is_place(w)
    };
    let particles = |w: &&str| {
        matches!(
            *w,
            "bin" | "al" | "de" | "von" | "van" | "du" | "la" | "del" | "da" | "di" | "le"
        )
    };
    let core: Vec<&&str> = words.iter().filter(|w| !particles(w)).collect();
    if (2..=3).contains(&core.len())
        && words.len() <= 5
        && core.iter().all(|w| name_like(w))
        && !name.contains(" of ")
        && !name.contains(" and ")
    {
        return EntityType::Person;
    }
    EntityType::Other
}

/// Whether a sentence is a headline: opening with a capital, title case, no full stop
/// ("Kazakhstan to Join Abraham Accords, Trump Announces"), or all capitals.
pub(super) fn is_title_case(sent: &str) -> bool {
    let t = sent.trim();
    if t.ends_with(['.', '!', '?', '"', '”', ':', ';'])
        || !t.starts_with(|c: char| c.is_uppercase())
    {
        return false;
    }
    let mut content = 0;
    let mut capital = 0;
    for w in t.split_whitespace().take(40) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.chars().count() < 4 || !w.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        content += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            capital += 1;
        }
    }
    content >= 3 && capital * 5 >= content * 4
}

/// A piece of a capitalised run that may name an entity: (start, text, titled).
type Piece<'a> = (usize, &'a str, bool);

/// Splits a run of capitalised words at possessives ("Kazakhstan's Foreign Ministry"), lists
/// ("Russia and China") and a leading place before a title ("Kazakh President Tokayev").
fn split_run<'a>(start: usize, text: &'a str, titled: bool, out: &mut Vec<Piece<'a>>) {
    // A possessive ends a name: "Kazakhstan's GDP" names Kazakhstan; what follows is another.
    if let Some(p) = find_possessive(text, "’s ").or_else(|| find_possessive(text, "'s ")) {
        let cut = p + if text[p..].starts_with('’') {
            "’s".len()
        } else {
            2
        };
        // What comes before may itself be a list: "Tokayev and Israel's President".
        split_run(start, &text[..cut], titled, out);
        let rest = &text[cut..];
        let skip = rest.len() - rest.trim_start().len();
        // "Kazakhstan's Foreign Minister Murat Nurtleu": a title may follow.
        strip_titles(start + cut + skip, rest.trim_start(), out);
        return;
    }
    // A list joined by "and", unless the whole is one name ("Bosnia and Herzegovina", "Ministry
    // of Trade and Integration").
    if let Some(p) = text.find(" and ") {
        // "Ministry of Trade and Integration" is one name; "NATO and OPEC" two known ones.
        let first = &text[..p];
        let whole_known = is_known(text)
            || (!is_known(first)
                && text
                    .split_whitespace()
                    .any(|w| is_org_word(w) && w != "Social"));
        if !whole_known {
            push_split_of(start, &text[..p], titled, out);
            split_run(start + p + 5, &text[p + 5..], false, out);
            return;
        }
    }
    // A leading country adjective before a title: "Kazakh President Kassym-Jomart Tokayev".
    if let Some((first, rest)) = text.split_once(' ') {
        let rest_trim = rest.trim_start();
        let title = title_prefix(rest_trim);
        if let (Some(t), true) = (
            title,
            canonical_entity(first).1 == EntityType::Place || is_known(first),
        ) {
            out.push((start, first, false));
            let off = start + first.len() + 1 + (rest.len() - rest_trim.len()) + t.len() + 1;
            let after = rest_trim[t.len() + 1..].trim_start();
            let off = off + (rest_trim[t.len() + 1..].len() - after.len());
            strip_titles(off, after, out);
            return;
        }
    }
    push_split_of(start, text, titled, out);
}

/// Pushes a piece of a run, or a person's name and what follows "of" as two ("Aigerim Sadykova
/// of Nazarbayev University", "John Smith of Goldman Sachs"): the words before "of" are two or
/// three, none of them a word of an organisation's, a place's or a title's ("Bank of America",
/// "Gulf of Mexico", "Secretary of State" stay whole), and the whole is no known name.
fn push_split_of<'a>(start: usize, text: &'a str, titled: bool, out: &mut Vec<Piece<'a>>) {
    if let Some(p) = text.find(" of ") {
        let before = &text[..p];
        let words = before.split(' ').count();
        let plain = |w: &str| {
            w.starts_with(|c: char| c.is_uppercase())
                && !is_org_word(w)
                && !PLACE_WORD_LIST.contains(w)
                && !OTHER_LIST.contains(w)
                && !is_title(w)
                && !is_common(w)
        };
        if (2..=3).contains(&words)
            && before.split(' ').all(plain)
            && !is_known(before)
            && !is_known(text)
            && matches!(
                canonical_entity(before).1,
                EntityType::Other | EntityType::Person
            )
        {
            out.push((start, before, titled));
            split_run(start + p + 4, &text[p + 4..], false, out);
            return;
        }
    }
    out.push((start, text, titled));
}

/// `text.find(mark)` for a mark that ends in "s ": by its `s`, without building a substring
/// searcher for each call.
fn find_possessive(text: &str, mark: &str) -> Option<usize> {
    let b = text.as_bytes();
    let lead = mark.len() - 2;
    let mut from = lead;
    while let Some(k) = b.get(from..)?.iter().position(|&x| x == b's') {
        let i = from + k;
        if b.get(i + 1) == Some(&b' ') && b[i - lead..i] == mark.as_bytes()[..lead] {
            return Some(i - lead);
        }
        from = i + 1;
    }
    None
}

/// Strips leading sentence words and titles from a run, then splits it ([`split_run`]).
fn strip_titles<'a>(mut start: usize, mut text: &'a str, out: &mut Vec<Piece<'a>>) {
    let mut titled = false;
    let mut after_in = false;
    loop {
        // A title alone ("the President said", "Rubio, the Secretary of State, said") names
        // no one.
        if is_title(text.trim_end_matches_str("’s").trim_end_matches_str("'s")) {
            return;
        }
        let first = text.split_whitespace().next().unwrap_or("");
        // "New York"; "Jan Nowak" (the month is written "Jan." or before a number: "Jan. 5",
        // "Jan 2024"), but not after "In" ("In Jan Acme sold more").
        let begins_name = match first {
            "New" => new_begins_name(text),
            "Jan" => {
                !after_in
                    && text[3..]
                        .trim_start()
                        .starts_with(|c: char| c.is_uppercase())
            }
            _ => false,
        };
        after_in = super::is_listed(
            " In By Since Until From On Last Early Late Mid Before After ",
            first,
        );
        if is_common(first) && !is_title(first) && !begins_name {
            let skip =
                first.len() + (text[first.len()..].len() - text[first.len()..].trim_start().len());
            start += skip;
            text = &text[skip..];
            if text.is_empty() {
                return;
            }
            continue;
        }
        // Titles before a name: "President Donald Trump" → "Donald Trump".
        if let Some(t) = title_prefix(text) {
            let mut skip = t.len() + 1;
            // "President of Kazakhstan Kassym-Jomart Tokayev": the place, then the person.
            if text[skip..].starts_with("of ") {
                skip += 3;
                let rest = &text[skip..];
                // The longest place among the first four words.
                let place_len = rest
                    .char_indices()
                    .filter(|&(i, c)| c == ' ' && i > 0)
                    .map(|(i, _)| i)
                    .chain(std::iter::once(rest.len()))
                    .take(4)
                    .filter(|&i| canonical_entity(&rest[..i]).1 == EntityType::Place)
                    .max();
                if let Some(pl) = place_len {
                    out.push((start + skip, &rest[..pl], false));
                    if pl < rest.len() {
                        strip_titles(start + skip + pl + 1, &rest[pl + 1..], out);
                    }
                    return;
                }
                // "Secretary of Homeland Security Kristi Noem": of a department, then a
                // person's first and last names, the run's last two words.
                if let Some(d) = rest.match_indices(' ').map(|m| m.0).rev().nth(1) {
                    skip += d + 1;
                }
            }
            start += skip;
            text = &text[skip..];
            titled = !matches!(t, "Former" | "Acting" | "Deputy") || titled;
            continue;
        }
        break;
    }
    split_run(start, text, titled, out);
}

/// Whether a run opening with "New" names a known place with it ("New York City", "New
/// Zealand's"): "New" opening a sentence ("New Kazakh rules") is dropped, but not from these.
fn new_begins_name(text: &str) -> bool {
    let rest = &text["New".len()..];
    let second = rest.trim_start();
    let end = text.len() - second.len() + second.find(' ').unwrap_or(second.len());
    is_known(
        text[..end]
            .trim_end_matches_str("’s")
            .trim_end_matches_str("'s"),
    )
}

/// The entities of capitalised runs met before in a text, by the run: a run's entities depend on
/// its text alone (but for the spans already taken, checked at each use), and names repeat in
/// news. One slot per run (the last run to take it keeps it); emptied when it holds more than
/// [`RunCache::MAX`] entities, so that a text of distinct names does not grow it without end.
#[derive(Default)]
pub(super) struct RunCache<'t> {
    /// Per slot: a run and its range of `entities` ("": none).
    slots: Vec<(&'t str, u32, u32)>,
    /// Start and end (from the run's start), name and type of each run's entities.
    entities: Vec<(usize, usize, String, EntityType)>,
    /// The pieces of the run being read, reused from run to run.
    pieces: Vec<Piece<'t>>,
}

impl<'t> RunCache<'t> {
    /// Slots (24 bytes each).
    const SLOTS: usize = 2048;
    /// Entities kept at most (with their names, about 80 bytes each).
    const MAX: usize = 4096;

    /// The range of `entities` holding `run`'s, read now if need be.
    fn entities_of(&mut self, run: &'t str) -> (usize, usize) {
        if self.slots.is_empty() {
            self.slots = vec![("", 0, 0); Self::SLOTS];
        }
        let mut h = Fast::default().build_hasher();
        h.write(run.as_bytes());
        // Fx mixes its top bits best.
        let slot = (h.finish() >> (64 - Self::SLOTS.trailing_zeros())) as usize;
        let (key, a, b) = self.slots[slot];
        if key == run && !run.is_empty() {
            return (a as usize, b as usize);
        }
        if self.entities.len() > Self::MAX {
            self.entities.clear();
            self.slots.fill(("", 0, 0));
        }
        let a = self.entities.len();
        // A run of more than a dozen capitalised words is a shouted line, not a name.
        if run.split_whitespace().nth(12).is_none() {
            self.pieces.clear();
            strip_titles(0, run, &mut self.pieces);
            self.entities.extend(
                self.pieces
                    .iter()
                    .filter_map(|&(s, t, titled)| piece_entity(s, t, titled)),
            );
        }
        let b = self.entities.len();
        self.slots[slot] = (run, a as u32, b as u32);
        (a, b)
    }
}

/// Appends the entities of one sentence (relative offsets), skipping spans already taken.
pub(super) fn extract<'t>(sent: &'t str, out: &mut Vec<Mention>, cache: &mut RunCache<'t>) {
    let taken = Taken::new(out.iter().map(|m| (m.start, m.end)).collect());
    let mut found = Vec::new();
    for (mut start, end) in name_runs(sent) {
        // "Exports of Norland fell": a common noun opening the sentence is no part of the name.
        if let Some((first, rest)) = sent[start..end].split_once(' ') {
            if let Some(name) = rest.strip_prefix("of ") {
                if !sent[..start].contains(char::is_alphanumeric) && is_ordinary_opening(first) {
                    start = end - name.len();
                }
            }
        }
        let run = &sent[start..end];
        let (a, b) = cache.entities_of(run);
        for (s, e, name, kind) in &cache.entities[a..b] {
            if !taken.hits(start + s, start + e) {
                found.push(Mention {
                    start: start + s,
                    end: start + e,
                    sentence: 0,
                    value: Value::Entity {
                        name: name.clone(),
                        kind: *kind,
                    },
                });
            }
        }
    }
    out.extend(found);
}

/// Cleans one piece and adds it as an entity, unless its span is taken.
fn push_piece(s: usize, t: &str, titled: bool, taken: &Taken, out: &mut Vec<Mention>) {
    if let Some((s, e, name, kind)) = piece_entity(s, t, titled) {
        if !taken.hits(s, e) {
            out.push(Mention {
                start: s,
                end: e,
                sentence: 0,
                value: Value::Entity { name, kind },
            });
        }
    }
}

/// One piece of a run, cleaned, as an entity: start, end, name and type; `None` when it is none.
fn piece_entity(s: usize, t: &str, titled: bool) -> Option<(usize, usize, String, EntityType)> {
    // Connectors and stray common words at the end ("Trump and").
    let t = t
        .trim_end_matches_str(" and")
        .trim_end_matches_str(" of")
        .trim_end_matches_str(" the")
        .trim_end_matches_str(" for");
    let (t, s) = (t.trim(), s + (t.len() - t.trim_start().len()));
    let bare = t.trim_end_matches_str("’s").trim_end_matches_str("'s");
    if bare.is_empty() || is_common(bare) || bare.len() < 2 {
        return None;
    }
    // Shouting: "STRENGTH".
    if !bare.contains(' ')
        && bare.chars().count() >= 6
        && bare.chars().all(|c| c.is_uppercase() || c == '-')
        && !is_known(bare)
        && !is_known_acronym(bare)
    {
        return None;
    }
    if matches!(
        bare,
        "MW" | "GW"
            | "KW"
            | "TW"
            | "MWh"
            | "GWh"
            | "TWh"
            | "KM"
            | "KG"
            | "Muslim"
            | "Jewish"
            | "Christian"
            | "Arab"
            | "Islamic"
            | "Catholic"
            | "Orthodox"
            | "Sunni"
            | "Shia"
            | "Shiite"
            | "Buddhist"
            | "Hindu"
            | "Western"
            | "Eastern"
            | "Northern"
            | "Southern"
    ) {
        return None;
    }
    let e = s + bare.len();
    let (name, mut kind) = canonical_entity(bare);
    if titled && kind == EntityType::Other && !bare.contains(' ') {
        kind = EntityType::Person;
    }
    if titled && kind == EntityType::Other && bare.split_whitespace().count() <= 4 {
        kind = EntityType::Person;
    }
    Some((s, e, name, kind))
}

/// The entities of a headline: only names the gazetteer knows or the body of the text uses
/// (`known`, surface forms and canonical names), longest first within each capitalised run,
/// outside the spans `taken` (the mentions the headline has already).
pub(super) fn extract_headline(
    sent: &str,
    taken: Vec<(usize, usize)>,
    known: &HashSet<&str, Fast>,
) -> Vec<Mention> {
    let taken = Taken::new(taken);
    let mut found = Vec::new();
    for (start, end) in caps(sent) {
        let run = &sent[start..end];
        let words: Vec<(usize, usize)> = run
            .split_whitespace()
            .scan(0usize, |pos, w| {
                let rel = run[*pos..].find(w).map_or(*pos, |i| *pos + i);
                *pos = rel + w.len();
                Some((start + rel, start + rel + w.len()))
            })
            .take(40)
            .collect();
        let mut i = 0;
        while i < words.len() {
            let mut matched = 0;
            for len in (1..=4.min(words.len() - i)).rev() {
                let (s, e) = (words[i].0, words[i + len - 1].1);
                let text = sent[s..e]
                    .trim_end_matches_str("’s")
                    .trim_end_matches_str("'s");
                if known.contains(text) || is_known(text) {
                    push_piece(s, text, false, &taken, &mut found);
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
    }
    found
}

/// Whether a capitalised word opening a sentence is an ordinary word, not a name: a common
/// word ("Officials"), an adverb ("Additionally"), a participle ("Speaking").
pub(super) fn is_ordinary_opening(word: &str) -> bool {
    let lower = word.to_lowercase();
    // "Oil output rose", "Gas exports fell": alone, an organisation's word that is a common
    // word is the common noun.
    if alias(word).is_some() || is_place(word) || is_org_word(word) && !is_common_word(&lower) {
        return false;
    }
    // Goods before a noun: "Uranium prices rose", "Wheat exports fell", "Cotton farmers".
    is_common_word(&lower)
        || matches!(
            lower.as_str(),
            "uranium" | "wheat" | "cotton" | "gold" | "coal" | "grain" | "copper" | "steel"
        )
        || (lower.len() > 5 && (lower.ends_with("ly") || lower.ends_with("ing")))
}

/// The source of every pattern here, by name (for the engine's tests).
pub(super) fn pattern_sources() -> Vec<(&'static str, String)> {
    vec![("CAPS", caps_src())]
}

#[cfg(test)]
mod tests {
    use super::{caps, caps_src};

    /// [`super::extract`] without the cache: each run read where it is, its spans already taken
    /// checked before each piece is made an entity.
    fn extract_reference(sent: &str, out: &mut Vec<crate::extract::Mention>) {
        let taken = crate::extract::Taken::new(out.iter().map(|m| (m.start, m.end)).collect());
        let mut found = Vec::new();
        let mut pieces = Vec::new();
        for (start, end) in super::name_runs(sent) {
            let run = &sent[start..end];
            if run.split_whitespace().nth(12).is_some() {
                continue;
            }
            pieces.clear();
            super::strip_titles(start, run, &mut pieces);
            for &(s, t, titled) in &pieces {
                super::push_piece(s, t, titled, &taken, &mut found);
            }
        }
        out.extend(found);
    }

    /// A sentence's entities through the cache are those the reference reads: for a run new to
    /// the cache and one met before, under different spans already taken, runs split by titles,
    /// possessives and lists, runs whose slot another run took, and more entities than the cache
    /// keeps (4,200 names, each met twice: it is emptied on the way).
    #[test]
    fn entities_through_the_run_cache_are_those_read_afresh() {
        use super::{extract, EntityType, RunCache};
        use crate::extract::{Mention, Value};
        let runs = [
            "President Donald Trump",
            "Kazakhstan's Foreign Ministry",
            "Russia and China",
            "Kazakh President Tokayev",
            "Former Secretary of State John Kerry",
            "President of Kazakhstan Kassym-Jomart Tokayev",
            "STRENGTH",
            "MW",
            "The President",
            "Microsoft Corp",
            "United Arab Emirates",
            "Trump and",
            "President Donald J. Trump",
            "Plan B. The",
        ];
        let mut sentences = Vec::new();
        for (i, a) in runs.iter().enumerate() {
            for b in &runs[i..] {
                sentences.push(format!("On Monday {a} said that {b} met officials."));
            }
        }
        let mut x: u32 = 11;
        let mut word = || {
            let w = crate::extract::test_letters(&mut x, 3, 6);
            w[..1].to_uppercase() + &w[1..]
        };
        let names: Vec<String> = (0..4_200)
            .map(|_| format!("{} {}", word(), word()))
            .collect();
        for round in 0..2 {
            for n in &names {
                sentences.push(format!("Officials said {n} arrived in round {round}."));
            }
        }
        let mut cache = RunCache::default();
        for (k, sent) in sentences.iter().enumerate() {
            // Spans already taken: the first four bytes of `a` in every third sentence, the
            // first three of the name in the next.
            let at = if k % 3 == 0 { 10 } else { 15 };
            let taken = Mention {
                start: at,
                end: at + 4,
                sentence: 0,
                value: Value::Entity {
                    name: "taken".into(),
                    kind: EntityType::Other,
                },
            };
            let prior: Vec<Mention> = if k % 3 < 2 { vec![taken] } else { vec![] };
            let (mut ours, mut theirs) = (prior.clone(), prior);
            extract(sent, &mut ours, &mut cache);
            extract_reference(sent, &mut theirs);
            assert_eq!(ours, theirs, "{sent}");
        }
        assert!(cache.entities.len() < names.len(), "the cache was emptied");
    }

    /// The scanner finds exactly the matches of the pattern it stands for, on the case texts,
    /// the corpus documents, the fuzz inputs, and 40,000 strings made of the pieces that decide
    /// its edges (initials, titles, joining words, dashes, possessives, white space of every
    /// kind, letters and digits in and outside ASCII).
    #[test]
    fn caps_scanner_finds_what_the_pattern_finds() {
        let pattern = crate::extract::build_regex(&caps_src()).expect("the pattern compiles");
        let check = |t: &str| {
            let want: Vec<(usize, usize)> =
                pattern.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(caps(t).collect::<Vec<_>>(), want, "{t:?}");
        };
        for text in crate::extract::test_texts() {
            check(&text);
        }
        let pieces = [
            "U", ".", "S", "A", "Mr", "Mrs", "St", "Dr", "Stan", " ", "  ", "\t", "\n", "\u{a0}",
            "\u{2003}", "of", "the", "de", "del", "and", "-", "–", "’s", "'s", "s", "É", "é", "x",
            "1", "_", "McD", "ğ", "\u{301}", ",", "iP", "Bank", "\u{2160}",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..40_000 {
            let mut t = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 60) + 1 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            check(&t);
        }
    }
}
