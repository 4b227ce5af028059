/**
 * The lesion location catalogue (resources/locations.json): organs, sites and lymph-node stations, each
 * with the RECIST organ group it counts in (all lymph nodes one group; paired organs one group each) and
 * whether it is nodal. Codes are stable forever, so a stored lesion's organ and nodal status can always
 * be derived from its code rather than stored beside it.
 */
import { z } from 'zod';
import rawCatalogue from '../../../resources/locations.json';
import { parseOrThrow, ReadingError } from './errors';

export const LocationSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'codes are lower-case words joined by "." or "-"'),
  name: z.string().min(1),
  /** The RECIST organ (also what the subject-read JSON calls `organ`). */
  group: z.string().min(1),
  /** For browsing: Thorax, Abdomen, Lymph nodes... */
  region: z.string().min(1),
  nodal: z.boolean(),
  synonyms: z.array(z.string().min(1)),
});
export type Location = z.infer<typeof LocationSchema>;

export const LocationGroupSchema = z.strictObject({
  code: z.string().min(1),
  name: z.string().min(1),
  note: z.string().optional(),
});
export type LocationGroup = z.infer<typeof LocationGroupSchema>;

export const CatalogueFileSchema = z
  .object({
    version: z.int().positive(),
    groups: z.array(LocationGroupSchema).min(1),
    locations: z.array(LocationSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const groups = new Set(file.groups.map((g) => g.code));
    const codes = new Set<string>();
    file.locations.forEach((location, i) => {
      if (codes.has(location.code))
        ctx.addIssue({
          code: 'custom',
          path: ['locations', i, 'code'],
          message: `duplicate code ${location.code}`,
        });
      codes.add(location.code);
      if (!groups.has(location.group))
        ctx.addIssue({
          code: 'custom',
          path: ['locations', i, 'group'],
          message: `unknown group "${location.group}"`,
        });
      if (location.nodal !== (location.group === nodalGroup))
        ctx.addIssue({
          code: 'custom',
          path: ['locations', i, 'nodal'],
          message: `nodal locations and only they belong to the "${nodalGroup}" group`,
        });
    });
  });

/** RECIST counts all lymph nodes as one organ. */
export const nodalGroup = 'lymph node';

interface IndexedLocation {
  readonly location: Location;
  readonly order: number;
  readonly name: string;
  readonly code: string;
  readonly nameWords: readonly string[];
  readonly synonyms: readonly string[];
  /** Every word of the name, synonyms, code and group name: a multi-word query may match across them. */
  readonly allWords: readonly string[];
}

export interface LocationMatch {
  readonly location: Location;
  readonly score: number;
  /** One of the reader's recent choices. */
  readonly recent: boolean;
}

const nodeWords = new Set(['node', 'nodes', 'nodal', 'lymph', 'ln', 'lns', 'lymphadenopathy', 'adenopathy']);
/** IASLC stations with their side (4R, 10L), 3a/3p, or the word "station". */
const stationWord = /^((1[0-4]|[1-9])[rl]|3[ap]|station)$/;

/**
 * Whether a search asks for lymph nodes: it says node (or lymph, LN) or names a station. Otherwise
 * organs come first: a nodal site is measured in short axis, so picking one by accident for a lung
 * lesion changes how the lesion is measured.
 */
export function asksForNodes(query: string): boolean {
  return words(normalize(query)).some((w) => nodeWords.has(w) || stationWord.test(w));
}

export class LocationCatalogue {
  readonly version: number;
  readonly groups: readonly LocationGroup[];
  readonly locations: readonly Location[];
  private readonly byCode: ReadonlyMap<string, Location>;
  private readonly indexed: readonly IndexedLocation[];

  constructor(file: unknown) {
    const parsed = parseOrThrow(CatalogueFileSchema, file, 'location catalogue');
    this.version = parsed.version;
    this.groups = parsed.groups;
    this.locations = parsed.locations;
    this.byCode = new Map(parsed.locations.map((l) => [l.code, l]));
    const groupNames = new Map(parsed.groups.map((g) => [g.code, g.name]));
    this.indexed = parsed.locations.map((location, order) => {
      const name = normalize(location.name);
      const synonyms = location.synonyms.map(normalize);
      const extra = [
        normalize(location.code),
        normalize(groupNames.get(location.group) ?? ''),
        location.group,
      ];
      return {
        location,
        order,
        name,
        code: normalize(location.code),
        nameWords: words(name),
        synonyms,
        allWords: [name, ...synonyms, ...extra].flatMap(words),
      };
    });
  }

  get(code: string): Location | undefined {
    return this.byCode.get(code);
  }

  /** The location of a stored code; a ReadingError naming the code when the catalogue lacks it. */
  require(code: string): Location {
    const location = this.byCode.get(code);
    if (!location) throw new ReadingError('INVALID', `unknown location code "${code}"`);
    return location;
  }

  group(code: string): LocationGroup | undefined {
    return this.groups.find((g) => g.code === code);
  }

  /** Locations by browsing region, in catalogue order. */
  byRegion(): ReadonlyMap<string, readonly Location[]> {
    const regions = new Map<string, Location[]>();
    for (const location of this.locations) {
      const list = regions.get(location.region) ?? [];
      list.push(location);
      regions.set(location.region, list);
    }
    return regions;
  }

  /**
   * Ranked search over names, synonyms and codes, tolerant of case, accents and punctuation.
   * Match quality: exact name or synonym > name starts with the query > a synonym starts with it >
   * every query word starts a word of the name > every query word starts some word of
   * name/synonyms/code/group > the query appears inside the name or a synonym.
   * Order: an exact name or code first; then organs before lymph nodes, or nodes first when the query
   * asks for them (asksForNodes); within each, by match quality, the reader's `recent` choices first
   * on a tie, then catalogue order (which lists the "not specified" entry of an organ before its
   * parts). An empty query lists the recent choices, then the organs, then the nodes.
   */
  search(query: string, limit = 50, recent: readonly string[] = []): LocationMatch[] {
    const q = normalize(query);
    const recency = new Map(recent.filter((code) => this.byCode.has(code)).map((code, i) => [code, i]));
    const wantNodes = asksForNodes(query);
    const rankOf = (location: Location, score: number) =>
      score >= 100 ? 0 : location.nodal === wantNodes ? 1 : 2;
    const recentRank = (code: string) => recency.get(code) ?? Number.POSITIVE_INFINITY;
    const matches: { location: Location; score: number; order: number; rank: number }[] = [];
    for (const entry of this.indexed) {
      const score = q === '' ? 0 : scoreEntry(entry, q, words(q));
      if (score === 0 && q !== '') continue;
      const rank =
        q === ''
          ? recency.has(entry.location.code)
            ? 0
            : entry.location.nodal
              ? 2
              : 1
          : rankOf(entry.location, score);
      matches.push({ location: entry.location, score, order: entry.order, rank });
    }
    matches.sort(
      (a, b) =>
        a.rank - b.rank ||
        b.score - a.score ||
        recentRank(a.location.code) - recentRank(b.location.code) ||
        a.order - b.order,
    );
    return matches
      .slice(0, limit)
      .map(({ location, score }) => ({ location, score, recent: recency.has(location.code) }));
  }
}

function scoreEntry(entry: IndexedLocation, q: string, queryWords: readonly string[]): number {
  if (entry.name === q || entry.code === q) return 100;
  if (entry.synonyms.includes(q)) return 90;
  if (entry.name.startsWith(q)) return 80;
  if (entry.synonyms.some((s) => s.startsWith(q))) return 70;
  const startsWord = (words: readonly string[]) => (w: string) => words.some((word) => word.startsWith(w));
  if (queryWords.every(startsWord(entry.nameWords))) return 60;
  if (queryWords.every(startsWord(entry.allWords))) return 50;
  if (entry.name.includes(q) || entry.synonyms.some((s) => s.includes(q))) return 30;
  return 0;
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function words(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

/** The catalogue shipped in resources/locations.json. */
export const locationCatalogue = new LocationCatalogue(rawCatalogue);

export function searchLocations(query: string, limit?: number, recent?: readonly string[]): LocationMatch[] {
  return locationCatalogue.search(query, limit, recent);
}

/** The reader's recent choices after choosing `code`: most recent first, each once, at most `keep`. */
export function withRecentChoice(recent: readonly string[], code: string, keep = 6): string[] {
  return [code, ...recent.filter((c) => c !== code)].slice(0, keep);
}
