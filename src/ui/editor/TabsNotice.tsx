import { useSyncExternalStore } from 'react';
import { frEditor } from '../i18n/fr-editor.ts';
import type { TabPresence } from './tabs.ts';

/** Says that the draft is open in other tabs too, and how their edits meet (src/ui/editor/tabs.ts). */
export function TabsNotice({ presence }: { presence: TabPresence }) {
  const others = useSyncExternalStore(presence.subscribe, presence.getOthers);
  if (others === 0) return null;
  return (
    <p className="tabs-notice" role="status" data-testid="tabs-notice">
      {frEditor.tabs.others(others)}
    </p>
  );
}
