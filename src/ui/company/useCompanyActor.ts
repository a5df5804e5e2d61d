import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createActor, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import { companyMachine, type CompanyEmitted, type CompanyMachineInput } from './machine.ts';

export type CompanyActor = ActorRefFrom<typeof companyMachine>;
export type CompanySnapshot = SnapshotFrom<typeof companyMachine>;

/**
 * Runs the company machine for as long as the component is mounted (a new actor when the input
 * changes) and hands every emitted change to `onEmitted`. The project has no @xstate/react: this is
 * its small equivalent, on useSyncExternalStore.
 */
export function useCompanyActor(input: CompanyMachineInput, onEmitted: (event: CompanyEmitted) => void, machine = companyMachine): { actor: CompanyActor; snapshot: CompanySnapshot } | null {
  const [actor, setActor] = useState<CompanyActor | null>(null);
  // The latest handler for the actor's subscriptions, updated after each render (never during one).
  const handler = useRef(onEmitted);
  useLayoutEffect(() => {
    handler.current = onEmitted;
  }, [onEmitted]);

  useEffect(() => {
    const a = createActor(machine, { input });
    const subscriptions = (['company.save', 'staff.save', 'evaluation.save'] as const).map((type) => a.on(type, (event) => handler.current(event)));
    a.start();
    setActor(a);
    return () => {
      subscriptions.forEach((s) => s.unsubscribe());
      a.stop();
    };
  }, [machine, input]);

  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!actor) return () => {};
      const s = actor.subscribe(onChange);
      return () => s.unsubscribe();
    },
    [actor],
  );
  const getSnapshot = useCallback(() => actor?.getSnapshot() ?? null, [actor]);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot);
  return actor && snapshot ? { actor, snapshot } : null;
}
