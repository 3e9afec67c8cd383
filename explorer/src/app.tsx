import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { EntityView } from './entity/entity-view.tsx';
import { HomeView } from './home/home-view.tsx';
import { useLazyView } from './lazy-view.ts';
import { Link, type Place, usePlace } from './router.tsx';

type View = FunctionComponent<{ place: Place }>;

/** The route view draws with cytoscape: loaded when first opened, so Home stays small. */
function useRouteView(wanted: boolean): View | undefined {
  const [view, setView] = useState<View>();
  useEffect(() => {
    if (wanted && !view) void import('./route/route-view.tsx').then((module) => setView(() => module.RouteView));
  }, [wanted, view]);
  return view;
}

// the analysis views, each in a chunk of its own (the overlap view carries the chart library)
const loadCareerView = () => import('./career/career-view.tsx').then((module) => module.CareerView);
const loadOverlapView = () => import('./overlap/overlap-view.tsx').then((module) => module.OverlapView);

const ENTITY_PATH = /^\/(role|skill|tool)\/([^/]+)$/;

export function App() {
  const place = usePlace();
  const RouteView = useRouteView(place.path === '/route');
  const CareerView = useLazyView(place.path === '/career', loadCareerView);
  const OverlapView = useLazyView(place.path === '/overlap', loadOverlapView);
  const entity = ENTITY_PATH.exec(place.path);
  let content: preact.ComponentChildren;
  if (place.path === '/') content = <HomeView />;
  else if (place.path === '/route') content = RouteView ? <RouteView place={place} /> : <p role="status">Loading…</p>;
  else if (place.path === '/career')
    content = CareerView ? <CareerView place={place} /> : <p role="status">Loading…</p>;
  else if (place.path === '/overlap')
    content = OverlapView ? <OverlapView place={place} /> : <p role="status">Loading…</p>;
  else if (entity?.[1] && entity[2])
    content = <EntityView kind={entity[1]} entityKey={decodeURIComponent(entity[2])} />;
  else content = <NotFound />;
  return (
    <>
      <header class="site-header">
        <Link href="/" class="brand">
          SkillGraph
        </Link>
        <nav aria-label="Site">
          <Link href="/route?from=data-scientist&to=mlops-engineer">Headline route</Link>
          <Link href="/career?from=data-analyst&to=mlops-engineer&maxStepHours=800">Career</Link>
          <Link href="/overlap?roles=data-scientist,mlops-engineer,data-engineer">Overlap</Link>
          <a href="/graphql">GraphiQL</a>
        </nav>
      </header>
      <main>{content}</main>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>Nothing here</h1>
      <p>
        This page does not exist. <Link href="/">Back to the start</Link>.
      </p>
    </>
  );
}
