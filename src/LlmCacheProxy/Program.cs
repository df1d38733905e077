using LlmCacheProxy;

var app = LlmCacheProxyApp.Build(args);
app.Run();
