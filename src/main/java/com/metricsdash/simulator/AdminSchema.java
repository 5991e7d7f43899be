package com.metricsdash.simulator;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.execution.CoercedVariables;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.parser.ParserOptions;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Shopify's published Admin schema of the current stable version ({@code shopify/admin-2026-10.graphql}), made
 * executable once: the root fields the simulator implements are wired to {@link AdminQueries} and
 * {@link AdminMutations}, every other field asks its {@link GraphqlObject} and so resolves to null when unimplemented,
 * and Shopify's custom scalars print as Shopify prints them (ids, money and 64-bit integers as strings, times as
 * ISO-8601 UTC). The schema is large, so it is built in the background while the rest of the application starts.
 * <p>
 * Every version the simulator serves (see {@link ApiVersions}) is answered with this one schema: the app pins the
 * current version, and older supported ones differ from it only in ways the app does not use.
 */
@Component
@ConditionalOnSimulator
class AdminSchema {

	/** The version whose schema this is. */
	static final String VERSION = "2026-10";

	private static final String SCHEMA = "shopify/admin-" + VERSION + ".graphql";

	private static final Logger logger = LoggerFactory.getLogger(AdminSchema.class);

	/** Reading the 780 KB schema without what only tooling needs (source locations, comments) saves a third. */
	private static final ParserOptions LEAN_SDL = ParserOptions.getDefaultSdlParserOptions()
		.transform((options) -> options.captureSourceLocation(false)
			.captureLineComments(false)
			.captureIgnoredChars(false));

	private static final SchemaGenerator.Options WITHOUT_AST = SchemaGenerator.Options.defaultOptions()
		.captureAstDefinitions(false);

	private final CompletableFuture<GraphQL> graphql;

	AdminSchema(AdminQueries queries, AdminMutations mutations) {
		this.graphql = CompletableFuture.supplyAsync(() -> build(queries, mutations));
	}

	/** The executable API; waits for the build the first time. */
	GraphQL graphql() {
		return this.graphql.join();
	}

	GraphQLSchema schema() {
		return graphql().getGraphQLSchema();
	}

	private static GraphQL build(AdminQueries queries, AdminMutations mutations) {
		long start = System.nanoTime();
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.wiringFactory(new ObjectWiring())
			.type(queries.wiring())
			.type(mutations.wiring())
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(WITHOUT_AST, parse(SCHEMA), wiring);
		logger.info("Admin API schema {} built in {} ms", VERSION, (System.nanoTime() - start) / 1_000_000);
		return executable(schema);
	}

	private static TypeDefinitionRegistry parse(String resource) {
		try (Reader sdl = new InputStreamReader(new ClassPathResource(resource).getInputStream(),
				StandardCharsets.UTF_8)) {
			return new SchemaParser().parse(sdl, LEAN_SDL);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static GraphQL executable(GraphQLSchema schema) {
		return GraphQL.newGraphQL(schema)
			.preparsedDocumentProvider(new ValidatedDocuments())
			.defaultDataFetcherExceptionHandler(new AdminErrors())
			.build();
	}

	/** The instant as Shopify prints a {@code DateTime}: UTC, whole seconds. */
	static String dateTime(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/**
	 * Lets a request that was parsed and validated already (to cost it before running it) run without being parsed
	 * again: the document travels in the request's GraphQL context.
	 */
	private static final class ValidatedDocuments implements PreparsedDocumentProvider {

		@Override
		public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
				Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
			Document document = input.getGraphQLContext().get(Document.class);
			PreparsedDocumentEntry entry = (document != null) ? new PreparsedDocumentEntry(document)
					: parseAndValidate.apply(input);
			return CompletableFuture.completedFuture(entry);
		}

	}

	/** Turns an {@link AdminQueryException} into the GraphQL error Shopify would answer; anything else as usual. */
	private static final class AdminErrors implements DataFetcherExceptionHandler {

		private final DataFetcherExceptionHandler fallback = new SimpleDataFetcherExceptionHandler();

		@Override
		public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
				DataFetcherExceptionHandlerParameters parameters) {
			if (parameters.getException() instanceof AdminQueryException ex) {
				return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult()
					.error(GraphqlErrorBuilder.newError()
						.message(ex.getMessage())
						.location(parameters.getSourceLocation())
						.path(parameters.getPath())
						.extensions(ex.extensions())
						.build())
					.build());
			}
			return this.fallback.handleException(parameters);
		}

	}

	/**
	 * Wires everything not wired by name: fields ask their {@link GraphqlObject} (or map), abstract types resolve to
	 * the object's own type, and every custom scalar is a {@link ShopifyScalar}.
	 */
	private static final class ObjectWiring implements WiringFactory {

		private static final DataFetcher<Object> FIELD = (env) -> {
			Object source = env.getSource();
			String name = env.getFieldDefinition().getName();
			if (source instanceof GraphqlObject object) {
				return object.field(name, env);
			}
			return (source instanceof Map<?, ?> map) ? map.get(name) : null;
		};

		private static final TypeResolver OWN_TYPE = (env) -> env.getSchema()
			.getObjectType(((GraphqlObject) env.getObject()).typeName());

		@Override
		public boolean providesScalar(ScalarWiringEnvironment environment) {
			return !ScalarInfo.isGraphqlSpecifiedScalar(environment.getScalarTypeDefinition().getName());
		}

		@Override
		public GraphQLScalarType getScalar(ScalarWiringEnvironment environment) {
			String name = environment.getScalarTypeDefinition().getName();
			return GraphQLScalarType.newScalar().name(name).coercing(new ShopifyScalar(name.equals("JSON"))).build();
		}

		@Override
		public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
			return true;
		}

		@Override
		public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
			return OWN_TYPE;
		}

		@Override
		public boolean providesTypeResolver(UnionWiringEnvironment environment) {
			return true;
		}

		@Override
		public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
			return OWN_TYPE;
		}

		@Override
		public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
			return FIELD;
		}

	}

	/**
	 * Shopify's custom scalars ({@code DateTime}, {@code Money}, {@code Decimal}, {@code UnsignedInt64}, {@code URL},
	 * ...): they travel as strings both ways, except {@code JSON}, which is any JSON value.
	 */
	private record ShopifyScalar(boolean json) implements Coercing<Object, Object> {

		@Override
		public Object serialize(Object value, GraphQLContext context, Locale locale) {
			if (this.json) {
				return value;
			}
			if (value instanceof Instant instant) {
				return dateTime(instant);
			}
			return (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
		}

		@Override
		public Object parseValue(Object input, GraphQLContext context, Locale locale) {
			return this.json ? input : input.toString();
		}

		@Override
		public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) {
			if (input instanceof StringValue string) {
				return string.getValue();
			}
			if (input instanceof IntValue integer) {
				return integer.getValue().toString();
			}
			throw new CoercingParseLiteralException("Expected a string literal but was " + input);
		}

		@Override
		public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
			return StringValue.of(input.toString());
		}

	}

}
