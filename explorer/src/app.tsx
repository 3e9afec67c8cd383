import { HomeView } from './home/home-view.tsx';
import { useLazyView } from './lazy-view.ts';
import { Link, usePlace } from './router.tsx';

// Each view but Home is a chunk of its own, loaded when first opened: the route view and skill pages draw
// with cytoscape, the overlap view carries the chart library.
const loadRouteView = () => import('./route/route-view.tsx').then((module) => module.RouteView);
const loadCareerView = () => import('./career/career-view.tsx').then((module) => module.CareerView);
const loadOverlapView = () => import('./overlap/overlap-view.tsx').then((module) => module.OverlapView);
const loadEntityView = () => import('./entity/entity-view.tsx').then((module) => module.EntityView);

const ENTITY_PATH = /^\/(role|skill|tool)\/([^/]+)$/;

export function App() {
  const place = usePlace();
  const RouteView = useLazyView(place.path === '/route', loadRouteView);
  const CareerView = useLazyView(place.path === '/career', loadCareerView);
  const OverlapView = useLazyView(place.path === '/overlap', loadOverlapView);
  const entity = ENTITY_PATH.exec(place.path);
  const EntityView = useLazyView(entity !== null, loadEntityView);
  let content: preact.ComponentChildren;
  if (place.path === '/') content = <HomeView />;
  else if (place.path === '/route') content = RouteView ? <RouteView place={place} /> : <p role="status">Loading…</p>;
  else if (place.path === '/career')
    content = CareerView ? <CareerView place={place} /> : <p role="status">Loading…</p>;
  else if (place.path === '/overlap')
    content = OverlapView ? <OverlapView place={place} /> : <p role="status">Loading…</p>;
  else if (entity?.[1] && entity[2])
    content = EntityView ? (
      <EntityView kind={entity[1]} entityKey={decodeURIComponent(entity[2])} />
    ) : (
      <p role="status">Loading…</p>
    );
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
