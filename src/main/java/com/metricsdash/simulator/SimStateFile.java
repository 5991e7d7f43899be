package com.metricsdash.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.metricsdash.simulator.SimModel.InventoryLevel;
import com.metricsdash.simulator.SimModel.Location;
import com.metricsdash.simulator.SimModel.Order;
import com.metricsdash.simulator.SimModel.Product;
import com.metricsdash.simulator.SimModel.Variant;
import com.metricsdash.simulator.SimModel.WebhookSubscription;
import com.metricsdash.simulator.SimShop.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the simulator's shops across restarts, so that a developer's installed demo store, its tokens and webhook
 * subscriptions survive {@code spring-boot:run}: loaded at start, written every 10 s when something changed and at
 * shutdown, always whole (a temporary file moved into place). Without {@code metricsdash.simulator.state-file} it does
 * nothing.
 */
@Component
@ConditionalOnSimulator
class SimStateFile implements InitializingBean, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SimStateFile.class);

	private final SimulatedShops shops;

	private final JsonMapper json;

	private final Path file;

	private byte[] lastSaved = new byte[0];

	SimStateFile(SimulatedShops shops, JsonMapper json, SimulatorProperties properties) {
		this.shops = shops;
		this.json = json;
		this.file = properties.stateFile();
	}

	@Override
	public void afterPropertiesSet() {
		load();
	}

	/** Adds every shop of the state file to the registry; nothing when there is no file yet. */
	synchronized void load() {
		if (this.file == null || !Files.exists(this.file)) {
			return;
		}
		try {
			this.lastSaved = Files.readAllBytes(this.file);
			Snapshot snapshot = this.json.readValue(this.lastSaved, Snapshot.class);
			snapshot.shops().forEach((state) -> this.shops.add(state.toShop()));
			logger.info("Simulator: restored {} shop(s) from {}", snapshot.shops().size(), this.file);
		}
		catch (IOException | JacksonException ex) {
			throw new IllegalStateException(
					"The simulator cannot read its state file " + this.file + "; delete it to start afresh", ex);
		}
	}

	/** Writes every shop to the state file if anything changed since the last time. */
	@Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
	synchronized void save() {
		if (this.file == null) {
			return;
		}
		List<ShopState> states = this.shops.all()
			.stream()
			.sorted(Comparator.comparing(SimShop::domain))
			.map(ShopState::of)
			.toList();
		byte[] bytes = this.json.writeValueAsBytes(new Snapshot(states));
		if (Arrays.equals(bytes, this.lastSaved)) {
			return;
		}
		try {
			Path directory = this.file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			Path temporary = Files.createTempFile(directory, this.file.getFileName().toString(), ".tmp");
			Files.write(temporary, bytes);
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			this.lastSaved = bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The simulator cannot write its state file " + this.file, ex);
		}
	}

	@Override
	public void destroy() {
		save();
	}

	record Snapshot(List<ShopState> shops) {
	}

	/**
	 * One shop as written to the file: everything in it, the app's grants and scopes (absent from files written before
	 * scopes were kept), and where its ids continue.
	 */
	record ShopState(String domain, String name, String timezone, String currency, long lastId, boolean installed,
			boolean demo, List<Location> locations, List<Product> products, List<Variant> variants,
			List<InventoryLevel> levels, List<Order> orders, List<WebhookSubscription> webhookSubscriptions,
			Map<String, Grant> grants, List<String> scopes) {

		static ShopState of(SimShop shop) {
			synchronized (shop) {
				return new ShopState(shop.domain(), shop.name(), shop.timezone().getId(), shop.currency(),
						shop.lastId(), shop.installed(), shop.demo(), shop.locations(), shop.products(),
						shop.variants(), shop.levels(), shop.orders(), shop.webhookSubscriptions(),
						new TreeMap<>(shop.grants()), shop.scopes());
			}
		}

		SimShop toShop() {
			SimShop shop = new SimShop(this.domain, this.name, ZoneId.of(this.timezone), this.currency, this.lastId);
			shop.installed(this.installed);
			shop.demo(this.demo);
			this.locations.forEach(shop::put);
			this.products.forEach(shop::put);
			this.variants.forEach(shop::put);
			this.levels.forEach(shop::put);
			this.orders.forEach(shop::put);
			this.webhookSubscriptions.forEach(shop::put);
			this.grants.forEach(shop::put);
			if (this.scopes != null) {
				shop.grantScopes(this.scopes);
			}
			return shop;
		}

	}

}
