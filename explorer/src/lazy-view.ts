import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A view whose code is loaded when it is first wanted (its own chunk), so Home stays small. */
export function useLazyView<P>(
  wanted: boolean,
  load: () => Promise<FunctionComponent<P>>,
): FunctionComponent<P> | undefined {
  const [view, setView] = useState<FunctionComponent<P>>();
  useEffect(() => {
    if (wanted && !view) void load().then((loaded) => setView(() => loaded));
  }, [wanted, view]);
  return view;
}
