import type { Workspace } from './storage.ts';
import type { CompanyActor, CompanySnapshot } from './useCompanyActor.ts';

/** What each step of the guided flow receives from the workspace (its own module: the steps and the workspace both import it). */
export interface StepProps {
  snapshot: CompanySnapshot;
  actor: CompanyActor;
  workspace: Workspace;
}
