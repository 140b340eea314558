#!/usr/bin/env node
// Deterministic news-like English text for the extraction benchmark (our own templates, no
// corpus): datelines, headlines, paragraphs of template sentences with varied people, places and
// organisations, numbers in digits and words with hedges ("more than", "almost"), money ($, €, £,
// ₸, "billion"), percentages and percentage points, dates and periods, ranks, quotes with speakers
// (straight and curly, multi-sentence), abbreviations (U.S., Mr., Dr., Inc., a.m.) and the page junk
// pasted articles carry ("Sign Up", "Related Reads", "7 NOV 2025 06:06", a lone "-").
//
//   node scripts/bench/gen-news.mjs [--bytes N] [--seed S] [--out FILE]
//
// Defaults: 1.5 MB (1,500,000 bytes), seed 42, target/bench/news.txt. The same seed and size give
// the same bytes on every machine (a 32-bit PRNG, no Math.random, no locale-dependent formatting).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  ['Kassym-Jomart Tokayev', 'President', 'Tokayev'], ['Maria Hernandez', 'Finance Minister', 'Hernandez'],
  ['John A. Whitfield', 'Sen.', 'Whitfield'], ['Aigerim Bekova', 'Deputy Prime Minister', 'Bekova'],
  ['Olivia Chen', 'Dr.', 'Chen'], ['Rahul Mehta', 'chief executive', 'Mehta'],
  ['Helen Okafor', 'Secretary of State', 'Okafor'], ['Pierre Lefebvre', 'Gen.', 'Lefebvre'],
  ['Yuki Tanaka', 'Governor', 'Tanaka'], ['Samuel J. Ortiz', 'Mr.', 'Ortiz'],
  ['Fatima Al-Mansouri', 'Ambassador', 'Al-Mansouri'], ['Dmitri Volkov', 'spokesman', 'Volkov'],
  ['Grace Mbeki', 'Prof.', 'Mbeki'], ['Lars Eriksen', 'Mayor', 'Eriksen'],
  ['Ana Souza', 'Ms.', 'Souza'], ['Thomas W. Grant', 'Rep.', 'Grant'],
];
const PLACES = [
  'Kazakhstan', 'the United States', 'the U.S.', 'the UAE', 'United Arab Emirates', 'Germany',
  'Brazil', 'Japan', 'Nigeria', 'France', 'India', 'Astana', 'Almaty', 'Washington', 'Brussels',
  'Tokyo', 'Lagos', 'Sao Paulo', 'the European Union', 'Central Asia', 'Norway', 'Canada',
];
const ORGS = [
  'the World Bank', 'the International Monetary Fund', 'Samruk-Kazyna', 'Acme Holdings Inc.',
  'the Ministry of Energy', 'the National Bank', 'Northwind Corp.', 'the United Nations',
  'the Asian Development Bank', 'Helios Energy Ltd.', 'the Federal Reserve', 'KazMunayGas',
  'the Statistics Agency', 'Bluewater Logistics', 'the European Commission', 'OPEC',
];
const NOUNS = [
  ['company', 'companies'], ['person', 'people'], ['customer', 'customers'], ['worker', 'workers'],
  ['school', 'schools'], ['hospital', 'hospitals'], ['project', 'projects'], ['vehicle', 'vehicles'],
  ['household', 'households'], ['student', 'students'], ['flight', 'flights'], ['tonne', 'tonnes'],
];
const UNITS = ['km', 'kilometres', 'megawatts', 'MW', 'barrels a day', 'hectares', 'tonnes', 'miles'];
const HEDGES = [
  'more than', 'over', 'above', 'at least', 'almost', 'nearly', 'close to', 'just over', 'just under',
  'about', 'around', 'roughly', 'some', 'approximately', 'up to', 'less than', 'fewer than', 'under', '',
  '', '',
];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
];
const MON = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WORD_NUMBERS = [
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'fifteen',
  'twenty', 'thirty', 'forty-five', 'a hundred', 'two hundred and fifty', 'a dozen',
];
const FRACTIONS = ['a quarter', 'half', 'two-thirds', 'one in five', 'a third', 'three-quarters', 'one in ten'];
const ORDINALS = ['first', 'second', 'third', 'fifth', '10th', '21st', '50th', 'largest', 'biggest'];
const VERBS_UP = ['rose', 'increased', 'grew', 'climbed', 'jumped', 'surged'];
const RISEN = ['risen', 'increased', 'grown', 'climbed', 'jumped'];
const VERBS_DOWN = ['fell', 'declined', 'dropped', 'decreased', 'slipped', 'shrank'];
const SAID = ['said', 'told reporters', 'wrote', 'added', 'stated', 'noted', 'said in a statement'];
const TOPICS = [
  'oil output', 'wheat exports', 'foreign direct investment', 'inflation', 'the budget deficit',
  'unemployment', 'GDP growth', 'trade with China', 'electricity demand', 'public debt',
  'tourist arrivals', 'mortgage lending', 'retail sales', 'uranium production', 'copper prices',
];
const JUNK = [
  'Sign Up', 'Related Reads', 'Share this article', 'Advertisement', '-', 'Read more:', 'Subscribe',
  'Follow us on Telegram', 'Most Popular', 'Cookie settings', 'Photo: press service', 'Log in',
];
const QUOTE_BODIES = [
  'We will not slow down. The program is on schedule and fully funded',
  'This is the largest investment in our history',
  'The numbers speak for themselves',
  'I think we can do better, and we will',
  'Nobody expected the figures to be this strong. Frankly, neither did we',
  'We have always said that the agreement was about jobs',
  'Prices are stabilising, but risks remain',
  'It was a mistake, and we have corrected it',
  'Our partners in the region share these goals',
  "The report's conclusions are premature",
];

/** Generates `bytes` bytes (at least; cut at the end of a paragraph just past it) of news text. */
export function generate(bytes = 1_500_000, seed = 42) {
  const r = prng(seed);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = (a) => a[Math.floor(r() * a.length)];
  const chance = (p) => r() < p;
  const withCommas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const dec = (lo, hi, places = 1) => (lo + r() * (hi - lo)).toFixed(places);
  const hedge = () => {
    const h = pick(HEDGES);
    return h ? h + ' ' : '';
  };
  const year = () => int(1990, 2026);
  const date = () => {
    const m = int(0, 11);
    const d = int(1, 28);
    const y = int(2015, 2026);
    switch (int(0, 5)) {
      case 0: return `on ${d} ${MONTHS[m]} ${y}`;
      case 1: return `on ${MONTHS[m]} ${d}, ${y}`;
      case 2: return `on ${MON[m]} ${d}`;
      case 3: return `on ${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      case 4: return `in ${MONTHS[m]}`;
      default: return pick(['last year', 'on ' + pick(WEEKDAYS), 'in ' + y, 'since ' + y, 'the early 1990s', 'overnight (Thursday\u2013Friday)']);
    }
  };
  const money = () => {
    switch (int(0, 7)) {
      case 0: return `$${dec(1, 99)} billion`;
      case 1: return `$${withCommas(int(1000, 999_999))}`;
      case 2: return `US$${int(2, 900)} million`;
      case 3: return `\u20ac${dec(1, 50)}bn`;
      case 4: return `\u00a3${int(10, 999)}m`;
      case 5: return `${withCommas(int(1, 900) * 1000)} tenge`;
      case 6: return `\u20b8${dec(1, 9, 2)} trillion`;
      default: return `${int(2, 90)} million euros`;
    }
  };
  const count = () => {
    const [one, many] = pick(NOUNS);
    switch (int(0, 4)) {
      case 0: return `${withCommas(int(2, 99_999))} ${many}`;
      case 1: return `${dec(1, 150)} million ${many}`;
      case 2: return `${pick(WORD_NUMBERS)} ${many}`;
      case 3: return `${int(2, 9)}-${int(10, 20)} ${many}`;
      default: return chance(0.5) ? `one ${one}` : `${int(2, 900)} ${pick(['American', 'local', 'foreign', 'new'])} ${many}`;
    }
  };
  const person = () => {
    const [name, title] = pick(PEOPLE);
    return chance(0.5) ? `${title} ${name}` : name;
  };
  const who = () => (chance(0.6) ? person() : pick(ORGS));
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const lcFirst = (s) => s[0].toLowerCase() + s.slice(1);
  let lastSpeaker = PEOPLE[0];

  const sentences = [
    () => `${cap(pick(TOPICS))} in ${pick(PLACES)} ${pick(VERBS_UP)} ${hedge()}${dec(0.5, 40)}% in ${year()}, according to ${pick(ORGS)}.`,
    () => `${cap(pick(TOPICS))} ${pick(VERBS_DOWN)} by ${dec(0.1, 5)} percentage points to ${dec(1, 30)} percent ${date()}.`,
    () => `${cap(who())} announced ${hedge()}${money()} of investment in ${pick(PLACES)} ${date()}.`,
    () => `The deal, worth ${hedge()}${money()}, will create ${hedge()}${count()} by ${int(2026, 2035)}.`,
    () => `${cap(pick(PLACES))} ranks ${pick(ORDINALS)} globally in ${pick(TOPICS)}, ahead of ${pick(PLACES)}.`,
    () => `${cap(pick(FRACTIONS))} of ${pick(NOUNS)[1]} in ${pick(PLACES)} reported higher costs, a survey of ${withCommas(int(500, 20000))} respondents found.`,
    () => `Between ${int(2, 9)} and ${int(10, 30)} million ${pick(NOUNS)[1]} are affected, officials estimate.`,
    () => `The pipeline runs ${hedge()}${withCommas(int(30, 4000))} ${pick(UNITS)} from ${pick(PLACES)} to ${pick(PLACES)}.`,
    () => `${cap(person())} has served for ${hedge()}${pick(['three decades', '30 years', 'a decade', `${int(2, 25)} years`, 'two terms'])} and began a ${pick(['second', 'third'])} term ${date()}.`,
    () => `At ${int(1, 12)}:${String(int(0, 59)).padStart(2, '0')} ${pick(['a.m.', 'p.m.'])} on ${pick(WEEKDAYS)}, ${pick(ORGS)} had not responded to a request for comment.`,
    () => `Mr. ${pick(PEOPLE)[2]} met Dr. ${pick(PEOPLE)[2]} in ${pick(PLACES)} (the talks lasted ${int(2, 9)} hours) and agreed on ${hedge()}${count()}.`,
    () => `${cap(pick(ORGS))} expects growth of ${dec(1, 8)}-${dec(8, 12)}% ${pick(['this year', 'next year', 'in 2026'])}, up from ${dec(0.5, 4)}% ${pick(['a year earlier', 'last year', 'in 2024'])}.`,
    () => `Is ${pick(TOPICS)} really ${pick(['the problem', 'improving', 'under control'])}?`,
    () => `Imports of ${pick(['grain', 'cars', 'steel', 'medicine', 'gas'])} reached ${hedge()}${withCommas(int(1000, 900000))} tonnes worth ${money()}, the ${pick(['highest', 'lowest'])} since ${year()}.`,
    () => `In ${int(1991, 2024)}, only ${pick(FRACTIONS)} of the country's ${withCommas(int(1000, 90000))} ${pick(NOUNS)[1]} had access to the network; today it is ${dec(60, 99)}%.`,
    () => `${cap(pick(PLACES))} and ${pick(PLACES)} signed ${pick(WORD_NUMBERS)} agreements on ${pick(TOPICS)}, ${pick(['the U.S. embassy', 'the ministry', 'the press office'])} said.`,
    () => `The ${pick(['survey', 'report', 'study', 'audit'])}, published ${date().replace(/^(on|in) /, '')}, covered ${withCommas(int(100, 50000))} ${pick(NOUNS)[1]} in ${int(3, 60)} regions.`,
    () => `It did not ${pick(['disclose the terms', 'name the buyers', 'give a timetable'])}, and ${pick(ORGS)} declined to comment.`,
    // Quotes with speakers, straight and curly, multi-sentence, nested.
    () => {
      lastSpeaker = pick(PEOPLE);
      const body = pick(QUOTE_BODIES);
      return chance(0.5)
        ? `"${body}," ${pick(SAID)} ${lastSpeaker[1]} ${lastSpeaker[2]}.`
        : `\u201c${body}.\u201d ${lastSpeaker[2]} ${pick(SAID)} on ${pick(WEEKDAYS)}.`;
    },
    () => `${lastSpeaker[2]} ${pick(SAID)} that "${lcFirst(pick(QUOTE_BODIES))}," adding that ${pick(TOPICS)} had ${pick(RISEN)} ${hedge()}${dec(1, 20)}% ${date()}.`,
    () => `"He told us, 'we will pay ${money()}.' Then nothing happened," ${pick(SAID)} ${person()}.`,
    () => `According to the statement, ${pick(ORGS)} will hire ${hedge()}${count()} and spend ${money()} by ${MONTHS[int(0, 11)]} ${int(2026, 2030)}.`,
    () => `He added: \u201c${pick(QUOTE_BODIES)}.\u201d`,
  ];

  const headline = () =>
    pick([
      () => `${cap(pick(PLACES))} ${pick(['Says', 'Plans', 'Reports'])} ${cap(pick(TOPICS))} ${pick(['Up', 'Down'])} ${dec(1, 20)}%`,
      () => `${cap(pick(ORGS).replace(/^the /, ''))} to Invest ${money()} in ${pick(PLACES).replace(/^the /, '')}`,
      () => `${pick(PEOPLE)[2]}: ${pick(QUOTE_BODIES).split('.')[0]}`,
    ])();
  const stamp = () => `${int(1, 28)} ${MONTHS[int(0, 11)].slice(0, 3).toUpperCase()} ${int(2019, 2026)} ${String(int(0, 23)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}`;

  const out = [];
  let size = 0;
  const push = (s) => {
    out.push(s);
    size += Buffer.byteLength(s) + 1;
  };
  while (size < bytes) {
    // One article: headline, date line, dateline paragraph, paragraphs with junk between.
    push(headline());
    push(stamp());
    push('');
    const paragraphs = int(3, 9);
    for (let p = 0; p < paragraphs && size < bytes; p++) {
      const n = int(1, 5);
      const para = [];
      for (let i = 0; i < n; i++) para.push(pick(sentences)());
      let text = para.join(' ');
      if (p === 0) text = `${pick(['ASTANA', 'WASHINGTON', 'BRUSSELS', 'TOKYO', 'LAGOS'])} \u2014 ${text}`;
      push(text);
      if (chance(0.25)) push(pick(JUNK));
      if (chance(0.08)) push(`- ${pick(sentences)()}`);
      push('');
    }
  }
  return out.join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  };
  const bytes = Number(opt('--bytes', 1_500_000));
  const seed = Number(opt('--seed', 42));
  const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  const out = opt('--out', `${root}/target/bench/news.txt`);
  if (!Number.isFinite(bytes) || bytes <= 0 || !Number.isInteger(seed)) {
    console.error('usage: node scripts/bench/gen-news.mjs [--bytes N] [--seed S] [--out FILE]');
    process.exit(2);
  }
  const text = generate(bytes, seed);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`${out}: ${Buffer.byteLength(text)} bytes, seed ${seed}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
