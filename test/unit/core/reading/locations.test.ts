import { describe, expect, it } from 'vitest';
import raw from '../../../../resources/locations.json';
import {
  asksForNodes,
  LocationCatalogue,
  locationCatalogue,
  nodalGroup,
  searchLocations,
  withRecentChoice,
} from '../../../../src/core/reading/locations';

const codes = (query: string, limit?: number) => searchLocations(query, limit).map((m) => m.location.code);

describe('location catalogue: grouping as RECIST counts organs', () => {
  const groupOf = (code: string) => locationCatalogue.require(code).group;

  it('puts every lymph-node station, and only those, in one nodal group', () => {
    const nodal = locationCatalogue.locations.filter((l) => l.nodal);
    expect(nodal.length).toBeGreaterThan(40);
    expect(new Set(nodal.map((l) => l.group))).toEqual(new Set([nodalGroup]));
    expect(locationCatalogue.locations.filter((l) => l.group === nodalGroup && !l.nodal)).toEqual([]);
    for (const station of [
      'ln.subcarinal.7',
      'ln.hilar.10r',
      'ln.axillary.l',
      'ln.inguinal.r',
      'ln.aortocaval',
    ])
      expect(locationCatalogue.require(station).nodal).toBe(true);
  });

  it('counts paired organs as one organ each', () => {
    expect(groupOf('lung.rul')).toBe(groupOf('lung.lll'));
    expect(groupOf('lung.r')).toBe(groupOf('lung.l'));
    expect(groupOf('kidney.r')).toBe(groupOf('kidney.l'));
    expect(groupOf('adrenal.r')).toBe(groupOf('adrenal.l'));
    expect(groupOf('ovary.r')).toBe(groupOf('ovary.l'));
    expect(groupOf('kidney.r')).not.toBe(groupOf('adrenal.r'));
  });

  it('groups the parts of one organ (pancreas, liver segments, peritoneal sites)', () => {
    expect(
      new Set(['pancreas.head', 'pancreas.body', 'pancreas.tail', 'pancreas.uncinate'].map(groupOf)),
    ).toEqual(new Set(['pancreas']));
    expect(new Set(['liver', 'liver.s1', 'liver.s4a', 'liver.s8'].map(groupOf))).toEqual(new Set(['liver']));
    expect(groupOf('peritoneum.omentum')).toBe('peritoneum');
    expect(groupOf('lung.rul')).not.toBe(groupOf('pleura.r'));
  });

  it('lists locations by region for browsing', () => {
    const regions = locationCatalogue.byRegion();
    expect([...regions.keys()]).toEqual(
      expect.arrayContaining(['Lymph nodes', 'Thorax', 'Abdomen', 'Pelvis']),
    );
    expect(regions.get('Abdomen')!.map((l) => l.code)).toContain('pancreas.head');
  });

  it('has unique codes and refuses an inconsistent catalogue naming the entry', () => {
    expect(new Set(raw.locations.map((l) => l.code)).size).toBe(raw.locations.length);
    const bad = structuredClone(raw);
    bad.locations[3]!.group = 'nowhere';
    expect(() => new LocationCatalogue(bad)).toThrow(/locations\.3\.group: unknown group "nowhere"/);
    const nodalLung = structuredClone(raw);
    nodalLung.locations.find((l) => l.code === 'lung.rul')!.nodal = true;
    expect(() => new LocationCatalogue(nodalLung)).toThrow(/nodal locations and only they/);
    const duplicate = structuredClone(raw);
    duplicate.locations.push(structuredClone(duplicate.locations[0]!));
    expect(() => new LocationCatalogue(duplicate)).toThrow(/duplicate code/);
  });

  it('throws a clear error for an unknown code', () => {
    expect(() => locationCatalogue.require('liver.s9')).toThrow('unknown location code "liver.s9"');
    expect(locationCatalogue.get('liver.s9')).toBeUndefined();
  });
});

describe('searchLocations ranking', () => {
  it('puts an exact name, code or synonym first', () => {
    expect(codes('liver')[0]).toBe('liver');
    expect(codes('10R')[0]).toBe('ln.hilar.10r');
    expect(codes('subcarinal')[0]).toBe('ln.subcarinal.7');
    expect(codes('rul')[0]).toBe('lung.rul');
    expect(codes('liver.s4a')[0]).toBe('liver.s4a');
  });

  it('ignores case, accents and punctuation', () => {
    expect(codes('PANCREATIC   TAIL')[0]).toBe('pancreas.tail');
    expect(codes('Cœliac')).toEqual(codes('coeliac'));
    expect(codes('cèliac')).toEqual(codes('celiac'));
    expect(codes('pancréas,  head')[0]).toBe('pancreas.head');
  });

  it('matches words in any order and prefixes of words', () => {
    expect(codes('tail pancreas')[0]).toBe('pancreas.tail');
    expect(codes('seg 4').slice(0, 2).sort()).toEqual(['liver.s4a', 'liver.s4b']);
    expect(codes('axil')).toEqual(['ln.axillary.r', 'ln.axillary.l']);
    expect(codes('ing node').slice(0, 2).sort()).toEqual(['ln.inguinal.l', 'ln.inguinal.r']);
  });

  it('ranks name prefixes above mere substrings, keeping catalogue order on ties', () => {
    const results = searchLocations('pancreas');
    expect(results.map((r) => r.location.code).slice(0, 3)).toEqual([
      'pancreas',
      'pancreas.head',
      'pancreas.uncinate',
    ]);
    for (let i = 1; i < results.length; i += 1)
      expect(results[i - 1]!.score).toBeGreaterThanOrEqual(results[i]!.score);
    // a match inside a word only, ranked below every word match
    expect(searchLocations('carinal')).toEqual([
      { location: locationCatalogue.require('ln.subcarinal.7'), score: 30, recent: false },
    ]);
  });

  it('finds nothing for nonsense, everything for an empty query, honouring the limit', () => {
    expect(codes('xyzzy')).toEqual([]);
    expect(codes('', 500)).toHaveLength(locationCatalogue.locations.length);
    expect(codes('lymph', 3)).toHaveLength(3);
  });
});

describe('searchLocations: organs before lymph nodes unless nodes are asked for', () => {
  const nodal = (code: string) => locationCatalogue.require(code).nodal;

  it('lists organs for an empty search, nodes after them', () => {
    const all = codes('', 500);
    const firstNode = all.findIndex(nodal);
    expect(all.slice(0, firstNode).length).toBe(locationCatalogue.locations.filter((l) => !l.nodal).length);
    expect(all.slice(firstNode).every(nodal)).toBe(true);
  });

  it('puts "Lung, right upper lobe" before the right upper paratracheal node', () => {
    expect(codes('right upper')[0]).toBe('lung.rul');
    const ranked = codes('right upper');
    expect(ranked.indexOf('lung.rul')).toBeLessThan(ranked.indexOf('ln.paratracheal.2r'));
    expect(codes('mediastinal')[0]).toBe('mediastinum');
  });

  it('puts nodes first when the query says node, lymph or LN, or names a station', () => {
    const upperNodes = codes('right upper node');
    expect(upperNodes.slice(0, 3)).toContain('ln.paratracheal.2r');
    expect(upperNodes.every(nodal)).toBe(true);
    // Organs that match too come after the nodes.
    const hilar = codes('hilum lymph');
    expect(nodal(hilar[0]!)).toBe(true);
    expect(nodal(codes('mediastinal LN')[0]!)).toBe(true);
    expect(nodal(codes('lymph hilar')[0]!)).toBe(true);
    expect(codes('4R')[0]).toBe('ln.paratracheal.4r');
    expect(codes('station 7')[0]).toBe('ln.subcarinal.7');
    for (const query of ['node', 'Nodes', 'lymph', 'LN', '10L', 'station', '3a'])
      expect(asksForNodes(query), query).toBe(true);
    for (const query of ['', 'liver', 'right upper', 'seg 4', 'lung 7', 'inlet'])
      expect(asksForNodes(query), query).toBe(false);
  });

  it('still finds nodes when only nodes match, and an exact name or code first', () => {
    expect(codes('axil')).toEqual(['ln.axillary.r', 'ln.axillary.l']);
    expect(codes('ln.subcarinal.7')[0]).toBe('ln.subcarinal.7');
  });

  it("puts the reader's recent choices on top of an empty search, and first among equals", () => {
    const recent = ['liver.s4a', 'ln.hilar.10r'];
    const results = searchLocations('', 40, recent);
    expect(results.slice(0, 2).map((m) => [m.location.code, m.recent])).toEqual([
      ['liver.s4a', true],
      ['ln.hilar.10r', true],
    ]);
    expect(results[2]!.recent).toBe(false);
    expect(codes('seg 4')[0]).toBe('liver.s4a');
    expect(searchLocations('seg 4', 10, ['liver.s4b'])[0]!.location.code).toBe('liver.s4b');
    expect(searchLocations('', 5, ['no.such.code'])[0]!.recent).toBe(false);
  });

  it('remembers recent choices most recent first, each once, a few of them', () => {
    expect(withRecentChoice(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(withRecentChoice(['a', 'b'], 'c', 2)).toEqual(['c', 'a']);
  });
});
