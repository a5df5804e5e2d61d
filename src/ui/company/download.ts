// The browser's file glue lives in src/ui/files.ts (one copy for every screen).
export { downloadBlob, downloadText, readFileBytes, readFileText } from '../files.ts';
