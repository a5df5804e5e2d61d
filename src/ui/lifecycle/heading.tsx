import { createContext, useContext, type ReactNode } from 'react';

/** Level of the panel's sub-headings, so the panel nests under any heading without skipping a level. */
export const SubLevel = createContext<3 | 4>(3);

export function Heading({ level, id, children }: { level: 2 | 3 | 4; id?: string; children: ReactNode }) {
  const Tag = `h${level}` as const;
  return <Tag id={id}>{children}</Tag>;
}

export function SubHeading({ children }: { children: ReactNode }) {
  return <Heading level={useContext(SubLevel)}>{children}</Heading>;
}
