package com.metricsdash.shopify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GraphQL document the app sends validates against the Admin schema the project ships (the version pinned in
 * {@code metricsdash.shopify.api-version}), so a field Shopify renamed fails here, not in production. A document that
 * names version 2025-10 (ShopifyQL) validates against the shipped schema with the 2025-10 extension the project ships
 * beside it, and only there.
 */
class AdminDocumentsTests {

	private static final String PINNED = "2025-04";

	private static final Map<String, GraphQLSchema> SCHEMAS = Map.of(PINNED,
			schema("shopify/admin-2025-04.graphql"), "2025-10",
			schema("shopify/admin-2025-04.graphql", "shopify/admin-2025-10-shopifyql.graphql"));

	static Stream<Resource> documents() throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath:shopify/graphql/*.graphql");
		assertThat(found).isNotEmpty();
		return Stream.of(found);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void validatesAgainstTheSchemaOfItsVersion(Resource document) throws IOException {
		String version = AdminDocument.load(name(document)).apiVersion();
		GraphQLSchema schema = SCHEMAS.get((version != null) ? version : PINNED);

		assertThat(schema).as("a shipped schema of version %s", version).isNotNull();
		assertThat(validate(schema, document.getContentAsString(StandardCharsets.UTF_8))).isEmpty();
	}

	@Test
	void theSessionsImportIsWrittenFor2025TenAndWouldNotValidateAtThePinnedVersion() {
		AdminDocument sessions = AdminDocument.load("shopifyqlSessions");

		assertThat(sessions.apiVersion()).isEqualTo("2025-10");
		assertThat(validate(SCHEMAS.get(PINNED), sessions.text())).extracting(ValidationError::getDescription)
			.anySatisfy((error) -> assertThat(error).contains("shopifyqlQuery"));
		assertThat(AdminDocument.SHOP.apiVersion()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void isLoadableByName(Resource document) {
		assertThat(AdminDocument.load(name(document)).text()).isNotBlank();
	}

	private static String name(Resource document) {
		return document.getFilename().replace(".graphql", "");
	}

	private static List<ValidationError> validate(GraphQLSchema schema, String document) {
		return new Validator().validateDocument(schema, Parser.parse(document), Locale.ENGLISH);
	}

	private static GraphQLSchema schema(String... resources) {
		TypeDefinitionRegistry types = new TypeDefinitionRegistry();
		try {
			for (String resource : resources) {
				types.merge(new SchemaParser()
					.parse(new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8)));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
	}

}
