// Placeholder so the app library has a source until the commands land.
namespace strada::app {}
