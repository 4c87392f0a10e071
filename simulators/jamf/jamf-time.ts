/** Timestamp helpers for the Jamf records: Jamf sends 0 to 3 fraction digits. */

const DAY_MS = 86_400_000;

/** `iso` with `digits` (0 to 3) fraction digits and a `Z`. */
export function jamfTime(iso: string, digits: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  const fraction = text.slice(20, 23).slice(0, digits);
  return fraction === '' ? `${text.slice(0, 19)}Z` : `${text.slice(0, 19)}.${fraction}Z`;
}

/** `iso` moved `days` days into the past (negative: the future). */
export function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * DAY_MS).toISOString();
}
