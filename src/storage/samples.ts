import { samplesFromModules, type SampleFile } from './referentials.ts';

/**
 * The sample referentials of the repository's referentials/ folder, bundled into the app. Editor graphs
 * and what-if files are left out of the bundle here and filtered again by name in samplesFromModules.
 */
export const SAMPLE_FILES: readonly SampleFile[] = samplesFromModules(
  import.meta.glob(['/referentials/*.json', '!/referentials/*.graph.json', '!/referentials/*whatif*'], { eager: true, import: 'default' }),
);
