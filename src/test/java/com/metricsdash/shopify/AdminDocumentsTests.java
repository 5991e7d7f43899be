package com.metricsdash.shopify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every GraphQL document the app sends validates against the Admin schema of the version it pins
 * ({@link ShopifyProperties#PINNED_API_VERSION}), which the project ships beside it, so a field Shopify renamed or
 * removed fails here, not in production.
 */
class AdminDocumentsTests {

	private static final GraphQLSchema PINNED = schema("shopify/admin-" + ShopifyProperties.PINNED_API_VERSION + ".graphql");

	static Stream<Resource> documents() throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath:shopify/graphql/*.graphql");
		assertThat(found).isNotEmpty();
		return Stream.of(found);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void validatesAgainstThePinnedVersionsSchema(Resource document) throws IOException {
		assertThat(validate(PINNED, document.getContentAsString(StandardCharsets.UTF_8))).isEmpty();
	}

	@Test
	void shopifyqlIsReadAtThePinnedVersion() {
		assertThat(PINNED.getQueryType().getFieldDefinition("shopifyqlQuery")).isNotNull();
	}

	@Test
	void aVersionWhoseSchemaIsNotShippedIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ShopifyProperties("key", "secret", "read_orders", "https://{shop}", "2027-01", 8,
					Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(30)))
			.withMessageContaining("shopify/admin-2027-01.graphql");
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

	private static GraphQLSchema schema(String resource) {
		try {
			TypeDefinitionRegistry types = new SchemaParser()
				.parse(new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8));
			return UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
