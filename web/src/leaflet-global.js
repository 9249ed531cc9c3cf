// leaflet.markercluster extends the global `L`: set it before that package is imported.
import L from 'leaflet';

window.L = L;
export default L;
