// Draws a system's dependency graph where the page asks for one. The page lists the same
// relationships as text, so nothing is lost without JavaScript or without sight of the picture.
import cytoscape from '/assets/cytoscape.esm.min.mjs';

for (const container of document.querySelectorAll('[data-graph]')) {
  const centre = Number(container.dataset.system);
  fetch(container.dataset.graph, { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
    .then(({ nodes, edges, flows = [] }) => {
      container.hidden = false;
      const cy = cytoscape({
        container: container.querySelector('[data-graph-canvas]'),
        elements: [
          ...nodes.map((n) => ({ data: { id: String(n.id), label: n.name, centre: n.id === centre ? 1 : 0 } })),
          ...edges.map((e) => ({ data: { id: `e${e.id}`, source: String(e.from), target: String(e.to), label: e.kind.replace('-', ' ') } })),
          ...flows.map((f) => ({
            data: { id: `f${f.id}`, source: String(f.from), target: String(f.to), label: f.data, manual: f.method === 'manual-rekeying' ? 1 : 0 },
            classes: 'flow',
          })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              label: 'data(label)',
              'font-size': 10,
              'text-wrap': 'wrap',
              'text-max-width': 120,
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
        ],
        layout: { name: nodes.length > 200 ? 'grid' : 'cose', animate: false },
      });
      cy.on('tap', 'node', (event) => {
        window.location.href = `/estate/systems/${event.target.id()}`;
      });
    })
    .catch(() => {
      // The text list of relationships stays; the picture is a help, not the only way.
    });
}
