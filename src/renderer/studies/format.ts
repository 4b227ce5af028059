export function formatDicomDate(date: string | null): string {
  return date ?? 'no date';
}

/** DICOM person names are Family^Given^Middle^Prefix^Suffix: shown as "Family, Given Middle". */
export function formatPersonName(name: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = name.split('=')[0]!.split('^');
  const first = [prefix, given, middle].filter(Boolean).join(' ');
  const full = [family, first].filter(Boolean).join(', ');
  return [full, suffix].filter(Boolean).join(' ').trim();
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
