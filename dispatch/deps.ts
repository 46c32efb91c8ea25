/** Other contexts' engines that dispatch uses, through their public faces. */
export { sharedRoutingEngine as routingEngine, closeSharedRoutingEngine as closeRoutingEngine } from '../geo';
