package com.metricsdash.shopify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GraphQL document the app sends validates against the Admin schema the project ships (the version pinned in
 * {@code metricsdash.shopify.api-version}), so a field Shopify renamed fails here, not in production.
 */
class AdminDocumentsTests {

	private static final GraphQLSchema SCHEMA = schema();

	static Stream<Resource> documents() throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath:shopify/graphql/*.graphql");
		assertThat(found).isNotEmpty();
		return Stream.of(found);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void validatesAgainstTheShippedSchema(Resource document) throws IOException {
		List<ValidationError> errors = new Validator().validateDocument(SCHEMA,
				Parser.parse(document.getContentAsString(StandardCharsets.UTF_8)), Locale.ENGLISH);

		assertThat(errors).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void isLoadableByName(Resource document) {
		String name = document.getFilename().replace(".graphql", "");
		assertThat(AdminDocument.load(name).text()).isNotBlank();
	}

	private static GraphQLSchema schema() {
		try {
			String sdl = new ClassPathResource("shopify/admin-2025-04.graphql").getContentAsString(StandardCharsets.UTF_8);
			return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
