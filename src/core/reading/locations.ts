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
   * Ranked search over names, synonyms and codes, tolerant of case, accents and punctuation. Ranking:
   * exact name or synonym > name starts with the query > a synonym starts with it > every query word
   * starts a word of the name > every query word starts some word of name/synonyms/code/group >
   * the query appears inside the name or a synonym. Ties keep catalogue order, which lists the
   * "not specified" entry of an organ before its parts. An empty query lists the whole catalogue.
   */
  search(query: string, limit = 50): LocationMatch[] {
    const q = normalize(query);
    if (q === '') return this.locations.slice(0, limit).map((location) => ({ location, score: 0 }));
    const queryWords = words(q);
    const matches: { location: Location; score: number; order: number }[] = [];
    for (const entry of this.indexed) {
      const score = scoreEntry(entry, q, queryWords);
      if (score > 0) matches.push({ location: entry.location, score, order: entry.order });
    }
    matches.sort((a, b) => b.score - a.score || a.order - b.order);
    return matches.slice(0, limit).map(({ location, score }) => ({ location, score }));
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

export function searchLocations(query: string, limit?: number): LocationMatch[] {
  return locationCatalogue.search(query, limit);
}
