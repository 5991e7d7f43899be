/**
 * Live updates: the WebSocket every live widget pushes through ({@code /ws/stores/{storeId}}), authorised at the
 * handshake, with changes fanned out across instances through Redis pub/sub. It renders nothing itself: widgets hand
 * {@link com.metricsdash.live.LivePush} a pre-rendered {@link com.metricsdash.live.LiveMessage}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Live updates")
package com.metricsdash.live;
