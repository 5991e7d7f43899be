package com.metricsdash.live;

/**
 * One change for the open pages of a store, rendered once and sent as it is to every socket of that store. Either
 * part may be {@code null}, and then that kind of client gets nothing.
 *
 * @param html one or more elements with an {@code id} and {@code hx-swap-oob="true"}, for htmx clients
 * @param type the {@code type} of the JSON frame for {@code ?format=json} clients, e.g. {@code dashboard:update}
 * @param data the {@code data} of the JSON frame
 */
public record LiveMessage(String html, String type, Object data) {
}
