/*
 * The app's French formatting is the presentation layer's (src/present/fr.ts), shared with the command
 * line and the exports: re-exported here so that screens import it from one nearby place.
 */
export { capitalised, formatDate, formatNumber, formatPercent, formatSigned, formatTimestamp, plural } from '../present/fr.ts';
