import { useEffect } from 'preact/hooks';

/** The tab's title while a view shows: what it shows, then the site. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · SkillGraph explorer`;
    return () => {
      document.title = 'SkillGraph explorer';
    };
  }, [title]);
}
