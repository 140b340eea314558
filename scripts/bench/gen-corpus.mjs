#!/usr/bin/env node
// Deterministic news-like corpus documents for the corpus benchmark (our own template text, no
// real articles): Markdown with front matter (title, source, author, url, published), about 3 KB
// each, with varied people, places, companies, numbers, money, percentages, dates, ranks and
// quotes. Document i is the same on every machine and for every corpus size (a seeded 32-bit
// PRNG per document, no Math.random, no locale formatting), so the 100-document corpus is the
// first 100 of the 10,000-document one.
//
//   node scripts/bench/gen-corpus.mjs --docs N --out DIR        writes DIR/doc-00000.md …
//   node scripts/bench/gen-corpus.mjs --article [--words 1000] [--seed S]   prints an article
//
// The article restates facts of the first documents (some with changed figures), so a check of
// it finds its evidence in every corpus size.
import { mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const FIRST = ['Amara', 'Boris', 'Chen', 'Dana', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas',
  'Kemal', 'Leila', 'Marek', 'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tamara',
  'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zara', 'Anton', 'Bianca', 'Carlos', 'Dilnaz',
  'Erik', 'Fatima', 'Gulnara', 'Hassan', 'Irina', 'Jamal', 'Katya', 'Luca', 'Mei', 'Nurlan'];
const LAST = ['Abenov', 'Brandt', 'Castillo', 'Dubois', 'Eriksen', 'Fonseca', 'Gallagher', 'Haddad',
  'Ivanova', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okonkwo', 'Petrov',
  'Quispe', 'Rahimov', 'Sato', 'Tursunov', 'Usmanova', 'Varga', 'Weber', 'Xu', 'Yilmaz',
  'Zhakupov', 'Alvarez', 'Bauer', 'Cohen', 'Demir', 'Esposito', 'Fischer', 'Garcia', 'Horvat',
  'Iskakov', 'Jovanovic', 'Kim', 'Larsen', 'Mendes', 'Novak', 'Ortega', 'Popescu', 'Rossi',
  'Schmidt', 'Tanaka', 'Umarov', 'Volkov', 'Wagner', 'Yamada', 'Zielinski'];
const ROLES = ['chief executive', 'finance minister', 'energy minister', 'central bank governor',
  'trade minister', 'chief economist', 'mayor', 'spokeswoman', 'spokesman', 'chair', 'ambassador'];
const PLACES = ['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Mongolia', 'Germany', 'France', 'Brazil',
  'Japan', 'Nigeria', 'India', 'Canada', 'Norway', 'Chile', 'Kenya', 'Vietnam', 'Poland', 'Turkey',
  'Egypt', 'Peru', 'Ghana', 'Finland', 'Portugal', 'Indonesia', 'Mexico', 'Morocco', 'Georgia',
  'Armenia', 'Azerbaijan', 'Tajikistan', 'Turkmenistan', 'Spain', 'Italy', 'Greece', 'Austria'];
const CITY_A = ['Nor', 'Ast', 'Bel', 'Cor', 'Dar', 'Esk', 'Fal', 'Gor', 'Hal', 'Ivr', 'Kar', 'Lum',
  'Mar', 'Nev', 'Orl', 'Pav', 'Ros', 'Sar', 'Tal', 'Ust', 'Vel', 'Zar'];
const CITY_B = ['abad', 'grad', 'ford', 'burg', 'stan', 'polis', 'mouth', 'vik', 'haven', 'sk', 'ovo'];
const CO_A = ['Northwind', 'Bluewater', 'Helios', 'Steppe', 'Silverline', 'Granite', 'Aurora',
  'Meridian', 'Caspian', 'Tengri', 'Polar', 'Summit', 'Orion', 'Falcon', 'Vertex', 'Harbor',
  'Crescent', 'Zenith', 'Atlas', 'Cobalt', 'Emerald', 'Sapphire', 'Ironwood', 'Redstone'];
const CO_B = ['Energy', 'Logistics', 'Mining', 'Telecom', 'Foods', 'Motors', 'Pharma', 'Bank',
  'Airlines', 'Steel', 'Solar', 'Textiles', 'Grain', 'Rail', 'Chemicals', 'Software'];
const CO_C = ['Corp.', 'Group', 'Holdings', 'Ltd.', 'Inc.', 'plc'];
const OUTLETS = ['The Steppe Ledger', 'Central Asia Wire', 'Daily Meridian', 'The Harbor Post',
  'Northern Courier', 'Global Trade Review', 'The Evening Standard-Bearer', 'Market Line',
  'Orion News Service', 'The Caspian Times', 'Regional Business Daily', 'Metro Chronicle'];
const NOUNS = [['worker', 'workers'], ['store', 'stores'], ['school', 'schools'],
  ['hospital', 'hospitals'], ['project', 'projects'], ['vehicle', 'vehicles'], ['flight', 'flights'],
  ['household', 'households'], ['branch', 'branches'], ['factory', 'factories'],
  ['customer', 'customers'], ['employee', 'employees']];
const SECTORS = ['copper output', 'wheat exports', 'natural gas production', 'steel shipments',
  'software exports', 'tourist arrivals', 'passenger traffic', 'solar capacity', 'oil exports',
  'retail sales', 'car sales', 'grain harvests', 'mobile subscriptions', 'rail freight'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const HEDGES = ['more than ', 'about ', 'almost ', 'nearly ', 'at least ', '', '', ''];

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pad = (n, w = 2) => String(n).padStart(w, '0');

function entities(r) {
  const person = () => ({ name: `${pick(r, FIRST)} ${pick(r, LAST)}`, role: pick(r, ROLES) });
  const company = () => `${pick(r, CO_A)} ${pick(r, CO_B)} ${pick(r, CO_C)}`;
  const city = () => `${pick(r, CITY_A)}${pick(r, CITY_B)}`;
  return { person, company, city };
}

/** One fact sentence (with its figures) about the story's entities. */
function fact(r, s, year) {
  const [one, many] = pick(r, NOUNS);
  const n = int(r, 12, 9800);
  const money = (int(r, 11, 990) / 10).toFixed(1);
  const pct = int(r, 2, 64);
  const month = pick(r, MONTHS);
  const day = int(r, 1, 28);
  const y = year - int(r, 0, 6);
  const h = pick(r, HEDGES);
  const forms = [
    () => `${s.company} employs ${h}${commas(n)} ${many} in ${s.place}.`,
    () => `${s.company} reported revenue of $${money} billion in ${y}, up ${pct}% from a year earlier.`,
    () => `In ${y}, ${s.place} raised its ${pick(r, SECTORS)} by ${pct}% to ${commas(n)} tonnes.`,
    () => `${s.person.name}, the ${s.person.role}, said the plan would cost ${h}$${money} million.`,
    () => `The agreement between ${s.company} and ${s.other} was signed on ${month} ${day}, ${y}, in ${s.city}.`,
    () => `${s.place} is the ${pick(r, ['second', 'third', 'fifth', 'seventh', 'ninth'])} largest producer of ${pick(r, ['copper', 'uranium', 'wheat', 'zinc', 'cotton'])} in the world.`,
    () => `Unemployment in ${s.city} fell to ${(int(r, 20, 140) / 10).toFixed(1)}% in ${month} ${y}, the statistics office said.`,
    () => `“We will open ${commas(int(r, 3, 400))} new ${many} in ${s.place} by ${y + int(r, 1, 5)},” said ${s.person.name}.`,
    () => `${s.other} was founded in ${int(r, 1950, 2015)} and has ${h}${commas(n)} ${many}.`,
    () => `${s.company} plans to invest €${money} billion over ${int(r, 2, 15)} years in ${s.city}.`,
    () => `About ${pct}% of ${s.place}'s ${pick(r, SECTORS)} go to ${s.partner}, according to ${s.other}.`,
    () => `The ${s.city} plant produced ${commas(n)} ${many} in ${y}, ${s.person.name} told reporters on ${month} ${day}.`,
  ];
  return pick(r, forms)();
}

const FILLER = [
  (s) => `Analysts in ${s.city} said the figures matched their expectations for the year.`,
  (s) => `The announcement followed months of talks between officials in ${s.place} and ${s.partner}.`,
  (s) => `${s.person.name} did not say how the project would be financed.`,
  (s) => `Shares of ${s.company} closed higher after the news.`,
  (s) => `Officials expect the programme to be reviewed again next spring.`,
  (s) => `Local business groups welcomed the decision but asked for more detail on the timetable.`,
  (s) => `The ministry said further details would be published on its website.`,
];

/** Document i: { name, text } (about 3 KB). */
export function document(i) {
  const r = prng(0x9e3779b1 ^ Math.imul(i + 1, 2654435761));
  const e = entities(r);
  const year = int(r, 2016, 2025);
  const s = {
    person: e.person(), company: e.company(), other: e.company(), place: pick(r, PLACES),
    partner: pick(r, PLACES), city: e.city(),
  };
  const published = `${year}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}`;
  const outlet = pick(r, OUTLETS);
  const title = `${s.company} and ${s.place}: ${pick(r, ['new investment', 'a year of growth', 'a difficult quarter', 'expansion plans', 'talks continue', 'record output'])}`;
  const paras = [];
  let size = 0;
  while (size < 2700) {
    const p = [];
    const k = int(r, 3, 5);
    for (let j = 0; j < k; j += 1) p.push(r() < 0.75 ? fact(r, s, year) : pick(r, FILLER)(s));
    const para = p.join(' ');
    paras.push(para);
    size += para.length + 2;
  }
  const author = `${pick(r, FIRST)} ${pick(r, LAST)}`;
  const text = `---\ntitle: ${title}\nsource: ${outlet}\nauthor: ${author}\nurl: https://example.org/news/${i}\npublished: ${published}\n---\n${paras.join('\n\n')}\n`;
  return { name: `doc-${pad(i, 5)}.md`, text: text.replace(/\.\./g, '.') };
}

/** An article of about `words` words restating facts of documents 0…99, some with changed figures. */
export function article(words = 1000, seed = 7) {
  const r = prng(seed);
  const out = [];
  let count = 0;
  while (count < words) {
    const d = document(int(r, 0, 99));
    const body = d.text.split('\n---\n')[1];
    const sentences = body.split(/(?<=[.”])\s+/).filter((x) => x.length > 20);
    const chosen = sentences.slice(0, int(r, 2, 4)).map((x) => (r() < 0.3 ? x.replace(/\d+/, (m) => String(Number(m) + int(r, 1, 9))) : x));
    const para = chosen.join(' ');
    out.push(para);
    count += para.split(/\s+/).length;
  }
  return `${out.join('\n\n')}\n`;
}

/**
 * The two 1,000-word articles the benchmarks check (seeds 7 and 11), written into `dir` as
 * article-a.txt and article-b.txt; returns their paths.
 */
export function writeBenchArticles(dir) {
  mkdirSync(dir, { recursive: true });
  const articleA = join(dir, 'article-a.txt');
  const articleB = join(dir, 'article-b.txt');
  writeFileSync(articleA, article(1000, 7));
  writeFileSync(articleB, article(1000, 11));
  return { articleA, articleB };
}

/** Writes documents 0…n-1 into dir (emptied first). Returns the bytes written. */
export function writeCorpus(n, dir) {
  if (existsSync(dir)) rmSync(dir, { recursive: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < n; i += 1) {
    const d = document(i);
    writeFileSync(join(dir, d.name), d.text);
    bytes += Buffer.byteLength(d.text);
  }
  return bytes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  if (args.includes('--article')) {
    process.stdout.write(article(Number(opt('--words', 1000)), Number(opt('--seed', 7))));
  } else {
    const n = Number(opt('--docs', 100));
    const dir = opt('--out', `target/bench/corpus-${n}/src`);
    const bytes = writeCorpus(n, dir);
    console.log(`wrote ${n} documents (${bytes} bytes) to ${dir}`);
  }
}
