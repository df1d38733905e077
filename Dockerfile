# syntax=docker/dockerfile:1
# Multi-stage: build with the .NET SDK, run on the ASP.NET runtime image as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY nuget.config Directory.Build.props Directory.Packages.props ./
COPY scripts/restore-feed.sh scripts/
COPY src/LlmCacheProxy/LlmCacheProxy.csproj src/LlmCacheProxy/
# The local feed only matters on mirrors without System.IO.Hashing; on nuget.org it is unused.
RUN mkdir -p .packages/local && (bash scripts/restore-feed.sh || true) \
    && dotnet restore src/LlmCacheProxy/LlmCacheProxy.csproj
COPY config/ config/
COPY src/ src/
RUN dotnet publish src/LlmCacheProxy/LlmCacheProxy.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown -R app:app /data
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Cache__Sqlite__Path=/data/llm-cache.db
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["dotnet", "LlmCacheProxy.dll", "--healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "LlmCacheProxy.dll"]
