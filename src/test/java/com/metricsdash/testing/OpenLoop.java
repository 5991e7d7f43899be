package com.metricsdash.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Requests sent at a fixed rate whatever the answers do (open loop), each timed from its scheduled send time, so that
 * a stalled server cannot hide behind a client that waited for it. The warm-up's requests count as errors if they
 * fail, but not in the latencies. A request still unanswered a minute after the last was sent counts as an error,
 * with the time it waited as its latency.
 */
public final class OpenLoop {

	private OpenLoop() {
	}

	/**
	 * Sends {@code perSecond} requests a second for the warm-up and then the measured time, the {@code i}th made by
	 * {@code requests}, and waits (at most a minute) for every answer.
	 */
	public static Latencies run(HttpClient http, int perSecond, Duration warmUp, Duration measured,
			IntFunction<Request> requests) throws InterruptedException {
		return runActions(perSecond, warmUp, measured, (i) -> {
			Request request = requests.apply(i);
			return http.sendAsync(request.request(), HttpResponse.BodyHandlers.ofString())
				.thenApply((response) -> request.answered().test(response));
		});
	}

	/**
	 * Starts {@code perSecond} actions a second, the {@code i}th made by {@code actions} (several requests in a row, say),
	 * each done when its future completes, well when with {@code true}; otherwise as {@link #run}.
	 */
	public static Latencies runActions(int perSecond, Duration warmUp, Duration measured,
			IntFunction<CompletableFuture<Boolean>> actions) throws InterruptedException {
		int warmUpRequests = (int) (warmUp.toMillis() * perSecond / 1000);
		int total = warmUpRequests + (int) (measured.toMillis() * perSecond / 1000);
		long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long[] scheduledAt = new long[total];
		AtomicLongArray took = new AtomicLongArray(total);
		AtomicInteger errors = new AtomicInteger();
		List<CompletableFuture<?>> answers = new ArrayList<>(total);
		long lag = 0;
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
		for (int i = 0; i < total; i++) {
			long scheduled = start + i * interval;
			scheduledAt[i] = scheduled;
			long wait = scheduled - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			lag = Math.max(lag, System.nanoTime() - scheduled);
			int index = i;
			answers.add(actions.apply(i).whenComplete((answeredWell, failure) -> {
				took.set(index, System.nanoTime() - scheduled);
				if (failure != null || !answeredWell) {
					errors.incrementAndGet();
				}
			}));
		}
		try {
			CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
				.handle((done, failure) -> done)
				.get(1, TimeUnit.MINUTES);
		}
		catch (ExecutionException | TimeoutException ex) {
			// counted below
		}
		long[] latencies = new long[total - warmUpRequests];
		for (int i = 0; i < total; i++) {
			long answered = took.get(i);
			if (answered == 0) {
				answered = System.nanoTime() - scheduledAt[i];
				errors.incrementAndGet();
			}
			if (i >= warmUpRequests) {
				latencies[i - warmUpRequests] = answered;
			}
		}
		return Latencies.of(latencies, errors.get(), lag);
	}

	/**
	 * {@code GET /api/stores/{id}/dashboard} of a store with the session token of its shop that App Bridge hands
	 * to an embedded page; answered well when 200 with the store's figures.
	 */
	public static Request dashboard(String baseUrl, UUID storeId, String shop, String query) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/stores/" + storeId + "/dashboard" + query))
			.header("Authorization", "Bearer " + SessionTokens.ofPage(shop, 0, Webhooks.SECRET))
			.header("Accept", "application/json")
			.GET()
			.build();
		return new Request(request,
				(response) -> response.statusCode() == 200 && response.body().contains(storeId.toString()));
	}

	/** A request and what a good answer to it is. */
	public record Request(HttpRequest request, Predicate<HttpResponse<String>> answered) {
	}

}
