# syntax=docker/dockerfile:1
# LlmCacheProxy container: build with the .NET SDK, run on the ASP.NET runtime image as a non-root user.
#   docker build -t llm-cache-proxy .
#   docker run -p 8080:8080 -v llmcache:/data --stop-timeout 35 llm-cache-proxy
# The proxy listens on 8080, keeps its SQLite cache (and passthrough partition secret) in the /data volume, and
# shuts down gracefully on SIGTERM within Shutdown:TimeoutSeconds (30 s): give the runtime a longer grace period.
# A bind mount instead of a named volume must be writable by the image's user (uid 1654, APP_UID):
#   mkdir -p ./llmcache-data && sudo chown 1654 ./llmcache-data
#   docker run -p 8080:8080 -v "$PWD/llmcache-data:/data" llm-cache-proxy
# Base images are pinned to a patch release; bump both tags together (the SDK's runtime is the runtime image's).

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused until a dependency changes. Packages come from
# the registry in nuget.config; linux-x64 only, so only that platform's native SQLite library is published.
COPY nuget.config Directory.Build.props Directory.Packages.props ./
COPY src/LlmCacheProxy/LlmCacheProxy.csproj src/LlmCacheProxy/
RUN dotnet restore src/LlmCacheProxy/LlmCacheProxy.csproj -r linux-x64
COPY config/ config/
COPY src/ src/
RUN dotnet publish src/LlmCacheProxy/LlmCacheProxy.csproj -c Release -r linux-x64 --self-contained false -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's non-root user (APP_UID, 1654) owns only the data folder; the application files stay read-only.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
# URLS overrides the loopback default in config/appsettings.json; HTTP_PORTS is emptied so it does not compete.
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Cache__Sqlite__Path=/data/llm-cache.db \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME ["/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
# The runtime image has no curl: the proxy binary checks its own /healthz, on the port ASPNETCORE_URLS names (so a
# `-e ASPNETCORE_URLS=http://0.0.0.0:9090` run is checked on 9090).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["dotnet", "LlmCacheProxy.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "LlmCacheProxy.dll"]
