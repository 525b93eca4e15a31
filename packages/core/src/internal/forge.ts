// The only module of core that imports node-forge (design.md, dependency rules): the pure-JS engine,
// PKCS#12 and certificate parsing all reach it through here.
import forge from 'node-forge';

export default forge;
