import { useState } from 'react';
import { Field } from '../components/Field.tsx';
import { frCompany } from '../i18n/fr-company.ts';
import type { StepProps } from './stepProps.ts';
import { draftFromProfile, readProfileDraft, type ProfileDraft, type ProfileField } from './profile.ts';

const t = frCompany.profile;

/** The company profile: saved as typed whenever every field is valid; each field says what is wrong. */
export function ProfileStep({ snapshot, actor }: StepProps) {
  const [draft, setDraft] = useState<ProfileDraft>(() => draftFromProfile(snapshot.context.profile));
  const [touched, setTouched] = useState<Set<ProfileField>>(() => new Set());
  const { issues } = readProfileDraft(draft);
  const errorOf = (field: ProfileField) => (touched.has(field) ? issues.find((i) => i.field === field)?.message : undefined);

  const update = (patch: Partial<ProfileDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setTouched((s) => new Set([...s, ...(Object.keys(patch) as ProfileField[])]));
    const read = readProfileDraft(next);
    if (read.profile) actor.send({ type: 'PROFILE.SET', profile: read.profile });
  };

  return (
    <form className="profile-form" noValidate onSubmit={(e) => e.preventDefault()}>
      <p className="help">{t.intro}</p>
      <div className="grid">
        <Field id="profile-name" label={t.name} error={errorOf('name')}>
          {(p) => <input {...p} type="text" autoComplete="organization" value={draft.name} onChange={(e) => update({ name: e.target.value })} />}
        </Field>
        <Field id="profile-siret" label={t.siret} help={t.siretHelp} error={errorOf('siret')}>
          {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="off" value={draft.siret} onChange={(e) => update({ siret: e.target.value })} />}
        </Field>
        <Field id="profile-headcount" label={t.headcount} help={t.headcountHelp} error={errorOf('headcount')}>
          {(p) => <input {...p} type="text" inputMode="numeric" value={draft.headcount} onChange={(e) => update({ headcount: e.target.value })} />}
        </Field>
        <Field id="profile-claims" label={t.claimsIndex} help={t.claimsIndexHelp} error={errorOf('claimsIndex')}>
          {(p) => <input {...p} type="text" inputMode="decimal" value={draft.claimsIndex} onChange={(e) => update({ claimsIndex: e.target.value })} />}
        </Field>
      </div>
      <div className="check">
        <input id="profile-in-group" type="checkbox" checked={draft.inGroup} onChange={(e) => update({ inGroup: e.target.checked })} />
        <label htmlFor="profile-in-group">{t.inGroup}</label>
      </div>
      {draft.inGroup && (
        <Field id="profile-group" label={t.groupHeadcount} error={errorOf('groupHeadcount')}>
          {(p) => <input {...p} type="text" inputMode="numeric" value={draft.groupHeadcount} onChange={(e) => update({ groupHeadcount: e.target.value })} />}
        </Field>
      )}
      <div className="check">
        <input id="profile-agreement" type="checkbox" checked={draft.extendedBranchAgreement} onChange={(e) => update({ extendedBranchAgreement: e.target.checked })} />
        <label htmlFor="profile-agreement">{t.agreement}</label>
      </div>
      {issues.length > 0 && touched.size > 0 && (
        <p className="error-text" role="status">
          {t.invalid}
        </p>
      )}
    </form>
  );
}
