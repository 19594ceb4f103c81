// Draws a system's dependency graph where the page asks for one. The page lists the same
// relationships as text, so nothing is lost without JavaScript or without sight of the picture.
import cytoscape from '/assets/cytoscape.esm.min.mjs';

for (const container of document.querySelectorAll('[data-graph]')) {
  const centre = Number(container.dataset.system);
  fetch(container.dataset.graph, { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
    .then(({ nodes: all, edges: allEdges, flows = [] }) => {
      container.hidden = false;
      // A crowded picture shows the nearest first: the system, what it relates to directly (the
      // most critical, up to 20, so their names stay readable), and what lies further out grouped by
      // layer into one node each.
      const most = 24;
      const tier = (n) => n.criticality ?? 9;
      const near = all.filter((n) => n.hop <= 1).sort((a, b) => a.hop - b.hop || tier(a) - tier(b) || a.name.localeCompare(b.name));
      const shown = all.length <= most ? all : near.slice(0, 21);
      const shownIds = new Set(shown.map((n) => n.id));
      const hidden = all.filter((n) => !shownIds.has(n.id));
      const groups = new Map();
      for (const n of hidden) {
        const key = n.layer ?? 'not-known';
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      const layerNames = {
        infrastructure: 'infrastructure',
        'line-of-business': 'line-of-business applications',
        'information-and-data': 'information and data',
        'master-data': 'master data',
        'business-intelligence': 'business intelligence',
        'not-known': 'layer not known',
      };
      const nodes = [
        ...shown.map((n) => ({ id: String(n.id), label: n.name, centre: n.id === centre ? 1 : 0, group: 0, hop: n.hop })),
        ...[...groups].map(([layer, count]) => ({ id: `g-${layer}`, label: `${count} more: ${layerNames[layer] ?? layer}`, centre: 0, group: 1, hop: 3 })),
      ];
      const edges = allEdges.filter((e) => shownIds.has(e.from) && shownIds.has(e.to));
      const note = container.querySelector('[data-graph-note]');
      if (note && hidden.length)
        note.textContent = `Showing the ${shown.length} nearest systems; ${hidden.length} more, two steps away, are grouped by layer. Every one is listed under Relationships and on the impact page.`;
      const cy = cytoscape({
        container: container.querySelector('[data-graph-canvas]'),
        elements: [
          ...nodes.map((n) => ({ data: n, classes: n.group ? 'group' : '' })),
          // With many lines their words only crowd the picture; the list below says each one.
          ...edges.map((e) => ({
            data: { id: `e${e.id}`, source: String(e.from), target: String(e.to), label: edges.length > 12 ? '' : e.kind.replace('-', ' ') },
          })),
          ...[...groups.keys()].map((layer) => ({ data: { id: `ge-${layer}`, source: String(centre), target: `g-${layer}`, label: '' }, classes: 'grouped' })),
          ...flows
            .filter((f) => shownIds.has(f.from) && shownIds.has(f.to))
            .map((f) => ({
              data: { id: `f${f.id}`, source: String(f.from), target: String(f.to), label: f.data, manual: f.method === 'manual-rekeying' ? 1 : 0 },
              classes: 'flow',
            })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              label: 'data(label)',
              'font-size': 12,
              'text-wrap': 'wrap',
              'text-max-width': 120,
              // A pale box behind each name keeps it readable where lines cross it.
              'text-background-color': '#ffffff',
              'text-background-opacity': 0.85,
              'text-background-padding': 2,
              'background-color': '#1d70b8',
              width: 14,
              height: 14,
              color: '#0b0c0c',
            },
          },
          { selector: 'node[centre = 1]', style: { 'background-color': '#d4351c', width: 22, height: 22, 'font-weight': 'bold' } },
          {
            selector: 'edge',
            style: {
              width: 1,
              'line-color': '#b1b4b6',
              'target-arrow-color': '#b1b4b6',
              'target-arrow-shape': 'triangle',
              'curve-style': 'bezier',
              label: 'data(label)',
              'font-size': 8,
              color: '#505a5f',
            },
          },
          // Data flows are dashed and green; manual re-keying ones are orange, the integration candidates.
          { selector: 'edge.flow', style: { 'line-style': 'dashed', 'line-color': '#00703c', 'target-arrow-color': '#00703c', width: 1.5 } },
          { selector: 'edge.flow[manual = 1]', style: { 'line-color': '#f47738', 'target-arrow-color': '#f47738' } },
          { selector: 'node.group', style: { shape: 'round-rectangle', 'background-color': '#505a5f', width: 18, height: 18, 'font-style': 'italic' } },
          { selector: 'edge.grouped', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
        ],
        // Nearest in the middle: the system, then what it relates to, then the groups further out.
        layout: {
          name: 'concentric',
          animate: false,
          minNodeSpacing: 40,
          // Rings are spaced by the names as well as the dots, so names on a crowded ring do not touch.
          avoidOverlap: true,
          nodeDimensionsIncludeLabels: true,
          equidistant: false,
          concentric: (node) => 4 - node.data('hop'),
          levelWidth: () => 1,
        },
      });
      cy.on('tap', 'node', (event) => {
        if (event.target.data('group')) window.location.href = `/estate/systems/${centre}/impact`;
        else window.location.href = `/estate/systems/${event.target.id()}`;
      });
    })
    .catch(() => {
      // The text list of relationships stays; the picture is a help, not the only way.
    });
}
