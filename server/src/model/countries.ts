/**
 * ISO 3166-1 alpha-2 country codes with their English names, from the maintained
 * `i18n-iso-countries` package (not a hand-written list). Only the English names are loaded.
 */
import * as countries from 'i18n-iso-countries/index';
import en from 'i18n-iso-countries/langs/en.json';
import type { EnumValue } from './types';

countries.registerLocale(en);

const NAMES: Record<string, string> = countries.getNames('en', { select: 'official' });

/** Every code with its country name, sorted by code. */
export const COUNTRY_ENUM: EnumValue[] = Object.keys(NAMES)
  .sort()
  .map((code) => ({ value: code, description: NAMES[code] }));

const CODES = new Set(Object.keys(NAMES));

export function isCountryCode(code: string): boolean {
  return CODES.has(code);
}

export function countryName(code: string): string | undefined {
  return NAMES[code];
}
