# The newswatch image: the `newswatch` command; the service runs one of its subcommands.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -Dmaven.test.skip=true -pl dist -am install

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/dist/target/newswatch.jar /app/newswatch.jar
COPY --from=build /src/dist/target/lib /app/lib
ENV NEWSWATCH_STATE_DIR=/var/lib/newswatch/state
VOLUME /var/lib/newswatch
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/newswatch.jar"]
CMD ["--help"]
