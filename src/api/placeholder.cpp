// Placeholder so the api library has a source until its first resource lands.
namespace strada::api {}
