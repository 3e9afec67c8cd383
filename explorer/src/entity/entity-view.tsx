import { RolePage } from './role-page.tsx';
import { SkillPage } from './skill-page.tsx';
import { ToolPage } from './tool-page.tsx';

/**
 * `/role/<key>`, `/skill/<key>`, `/tool/<key>`. Keyed by the entity, so moving from one page to another
 * of the same kind starts afresh (no pages of the last one's lists).
 */
export function EntityView({ kind, entityKey }: { kind: string; entityKey: string }) {
  if (kind === 'role') return <RolePage key={entityKey} entityKey={entityKey} />;
  if (kind === 'skill') return <SkillPage key={entityKey} entityKey={entityKey} />;
  return <ToolPage key={entityKey} entityKey={entityKey} />;
}
