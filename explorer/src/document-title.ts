import { useEffect } from 'preact/hooks';

/** The page's own title (index.html's), which views without a title of their own keep. */
const EXPLORER_TITLE = document.title;

/** Names the browser tab (and history entry) after what the view shows, until the view goes. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title === undefined) return;
    document.title = `${title} · SkillGraph`;
    return () => {
      document.title = EXPLORER_TITLE;
    };
  }, [title]);
}
