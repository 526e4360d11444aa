# syntax=docker/dockerfile:1
# Build stage: the Maven wrapper fetches Maven and the dependencies, then packages the executable jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package && cp target/mipro-service-*.jar /tmp/app.jar

# Runtime stage: a JRE, a non-root user, a data volume for the embedded database, and a health check.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system mipro \
    && useradd --system --gid mipro --home-dir /var/lib/mipro --shell /usr/sbin/nologin mipro \
    && mkdir -p /var/lib/mipro \
    && chown mipro:mipro /var/lib/mipro
COPY --from=build /tmp/app.jar /opt/mipro/app.jar
USER mipro
ENV MIPRO_DATA_DIR=/var/lib/mipro
VOLUME ["/var/lib/mipro"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/mipro/app.jar"]
