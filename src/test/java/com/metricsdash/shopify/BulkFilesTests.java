package com.metricsdash.shopify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import com.metricsdash.testing.IntegrationTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bulk files as Shopify writes them from Admin API 2026-01, lines in no promised order, served by a local HTTP server
 * and read through the staging table of the real database.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BulkFilesTests {

	private static final int PAGE = 250;

	private static final String OPERATION = "gid://shopify/BulkOperation/1";

	@Autowired
	BulkFiles files;

	@Autowired
	JdbcClient jdbc;

	private final Map<String, byte[]> served = new ConcurrentHashMap<>();

	private HttpServer server;

	private UUID storeId;

	@BeforeEach
	void setUp() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::serveFile);
		this.server.start();
		this.storeId = this.jdbc.sql("""
				insert into store (shopify_domain, status, sync_status) values (:domain, 'UNINSTALLED', 'COMPLETE')
				returning id""")
			.param("domain", "bulk-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com")
			.query(UUID.class)
			.single();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void childrenWrittenBeforeTheirParentsComeOutGroupedUnderThemInTheOrderOfTheTopLevelObjects() {
		List<String> lines = catalog(40, 3, 2);
		Collections.shuffle(lines, new Random(13));
		assertThat(childrenBeforeParents(lines)).as("the shuffle puts children before their parents").isPositive();

		List<BulkRecord> records = all(read(OPERATION, serve(lines)));

		assertThat(records.stream().map(BulkFilesTests::family).toList()).isEqualTo(families(lines));
	}

	@Test
	void grandchildrenAreAttachedToTheTopLevelObjectAndFoundUnderTheirOwnParent() {
		String url = serve(List.of(line("gid://shopify/InventoryLevel/111", "gid://shopify/ProductVariant/11"),
				line("gid://shopify/ProductVariant/11", "gid://shopify/Product/1"),
				line("gid://shopify/InventoryLevel/112", "gid://shopify/ProductVariant/11"),
				line("gid://shopify/Product/1", null)));

		BulkRecord record = all(read(OPERATION, url)).get(0);

		assertThat(record.root().path("id").asString()).isEqualTo("gid://shopify/Product/1");
		assertThat(ids(record.childrenOf("gid://shopify/Product/1"))).containsExactly("gid://shopify/ProductVariant/11");
		assertThat(ids(record.childrenOf("gid://shopify/ProductVariant/11")))
			.containsExactly("gid://shopify/InventoryLevel/111", "gid://shopify/InventoryLevel/112");
	}

	@Test
	void aReplayOfTheSameOperationAfterACrashHandsOutEveryRecordOnce() {
		List<String> lines = catalog(600, 2, 1);
		Collections.shuffle(lines, new Random(17));
		String url = serve(lines);
		assertThatThrownBy(() -> this.files.read(this.storeId, OPERATION, url, PAGE, (page) -> {
			throw new IllegalStateException("the instance died while applying the first page");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(staged(this.storeId)).as("the crash left the file staged").isEqualTo(lines.size());

		List<BulkRecord> records = all(read(OPERATION, url));

		assertThat(records.stream().map(BulkFilesTests::family).toList()).isEqualTo(families(lines));
	}

	@Test
	void nothingStaysStagedOnceTheRecordsWereHandedOut() {
		read(OPERATION, serve(catalog(300, 2, 2)));

		assertThat(staged(this.storeId)).isZero();
	}

	@Test
	void aFileNoLongerFollowedIsDroppedWhenTheStoreReadsAnother() {
		String abandoned = serve(catalog(300, 1, 0));
		assertThatThrownBy(() -> this.files.read(this.storeId, OPERATION, abandoned, PAGE, (page) -> {
			throw new IllegalStateException("the phase failed");
		})).isInstanceOf(IllegalStateException.class);

		List<String> lines = catalog(5, 1, 0);
		List<BulkRecord> records = all(read("gid://shopify/BulkOperation/2", serve(lines)));

		assertThat(records.stream().map(BulkFilesTests::family).toList()).isEqualTo(families(lines));
		assertThat(staged(this.storeId)).isZero();
	}

	@Test
	void anErasedStoreTakesItsStagedLinesWithIt() {
		String url = serve(catalog(300, 1, 0));
		assertThatThrownBy(() -> this.files.read(this.storeId, OPERATION, url, PAGE, (page) -> {
			throw new IllegalStateException("the store was erased mid-sync");
		})).isInstanceOf(IllegalStateException.class);

		this.jdbc.sql("delete from store where id = :id").param("id", this.storeId).update();

		assertThat(staged(this.storeId)).isZero();
	}

	@Test
	void linesUnderAParentTheFileDoesNotHoldAreLeftOutWithAWarningThatCountsThem(CapturedOutput output) {
		String url = serve(List.of(line("gid://shopify/Order/1", null),
				line("gid://shopify/LineItem/91", "gid://shopify/Order/9"),
				line("gid://shopify/LineItem/11", "gid://shopify/Order/1"),
				line("gid://shopify/Discount/911", "gid://shopify/LineItem/91")));

		List<BulkRecord> records = all(read(OPERATION, url));

		assertThat(records.stream().map(BulkFilesTests::family).toList())
			.containsExactly(new Family("gid://shopify/Order/1", Set.of("gid://shopify/LineItem/11")));
		assertThat(output).contains("2 of the 4 lines in the file of bulk operation " + OPERATION
				+ " belong to no top-level object");
	}

	@Test
	void aLargeFileComesOutInFileOrderOnePageOfAtMostThePageSizeAtATime() {
		List<String> lines = catalog(20_000, 2, 0);
		Collections.shuffle(lines, new Random(19));

		List<List<BulkRecord>> pages = read(OPERATION, serve(lines));

		assertThat(pages).hasSize(20_000 / PAGE).allSatisfy((page) -> assertThat(page).hasSize(PAGE));
		assertThat(all(pages).stream().map(BulkFilesTests::family).toList()).isEqualTo(families(lines));
	}

	private List<List<BulkRecord>> read(String operation, String url) {
		List<List<BulkRecord>> pages = new ArrayList<>();
		this.files.read(this.storeId, operation, url, PAGE, pages::add);
		return pages;
	}

	private static List<BulkRecord> all(List<List<BulkRecord>> pages) {
		return pages.stream().flatMap(List::stream).toList();
	}

	/** Products, each with its variants, each variant with its inventory levels: a parent before its children. */
	private static List<String> catalog(int products, int variantsEach, int levelsEach) {
		List<String> lines = new ArrayList<>();
		for (int p = 1; p <= products; p++) {
			String product = "gid://shopify/Product/" + p;
			lines.add(line(product, null));
			for (int v = 1; v <= variantsEach; v++) {
				String variant = "gid://shopify/ProductVariant/" + (p * 100 + v);
				lines.add(line(variant, product));
				for (int l = 1; l <= levelsEach; l++) {
					lines.add(line("gid://shopify/InventoryLevel/" + (p * 10_000 + v * 100 + l), variant));
				}
			}
		}
		return lines;
	}

	private static String line(String id, String parentId) {
		return (parentId == null) ? "{\"id\":\"" + id + "\",\"title\":\"Snowboard\"}"
				: "{\"id\":\"" + id + "\",\"__parentId\":\"" + parentId + "\"}";
	}

	/** What a file should come out as: its top-level objects in file order, each with everything nested under it. */
	private static List<Family> families(List<String> lines) {
		Map<String, String> parents = new HashMap<>();
		List<String> roots = new ArrayList<>();
		for (String line : lines) {
			String[] idAndParent = idAndParent(line);
			if (idAndParent[1] == null) {
				roots.add(idAndParent[0]);
			}
			else {
				parents.put(idAndParent[0], idAndParent[1]);
			}
		}
		Map<String, Set<String>> descendants = parents.keySet()
			.stream()
			.collect(Collectors.groupingBy((id) -> rootOf(id, parents), Collectors.toSet()));
		return roots.stream().map((root) -> new Family(root, descendants.getOrDefault(root, Set.of()))).toList();
	}

	private static String rootOf(String id, Map<String, String> parents) {
		String root = id;
		while (parents.containsKey(root)) {
			root = parents.get(root);
		}
		return root;
	}

	private static int childrenBeforeParents(List<String> lines) {
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			positions.put(idAndParent(lines.get(i))[0], i);
		}
		return (int) lines.stream()
			.map(BulkFilesTests::idAndParent)
			.filter((idAndParent) -> idAndParent[1] != null
					&& positions.get(idAndParent[1]) > positions.get(idAndParent[0]))
			.count();
	}

	private static String[] idAndParent(String line) {
		String[] parts = line.split("\"");
		return new String[] { parts[3], line.contains("__parentId") ? parts[7] : null };
	}

	private static Family family(BulkRecord record) {
		return new Family(record.root().path("id").asString(), Set.copyOf(ids(record.descendants())));
	}

	private static List<String> ids(List<JsonNode> nodes) {
		return nodes.stream().map((node) -> node.path("id").asString()).toList();
	}

	private long staged(UUID storeId) {
		return this.jdbc.sql("select count(*) from bulk_file_line where store_id = :store")
			.param("store", storeId)
			.query(Long.class)
			.single();
	}

	private String serve(List<String> lines) {
		String path = "/" + UUID.randomUUID() + ".jsonl";
		this.served.put(path, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private void serveFile(HttpExchange exchange) throws IOException {
		byte[] body = this.served.get(exchange.getRequestURI().getPath());
		if (body == null) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** A top-level object's id and the ids of everything nested under it. */
	private record Family(String root, Set<String> descendants) {
	}

}
