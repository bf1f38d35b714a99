// Material's storage helpers, scoped to the site root; the root is found from this file's own
// URL so that the same file works under a sub-path (https://org.github.io/repo/).
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
// A shared filtered link (a listing's address with ?kabupaten=...): the listing's own cards
// will be replaced by the finder's answer, so they stay out of layout from the first paint and
// their photos are never fetched. Only the finder's own keys count (not ?fbclid= and the like);
// tests/test_facets.py keeps this list equal to the finder's. katalog.js, at the end of the
// page, takes over; if it failed to download, DOMContentLoaded (which waits for it) brings
// the cards back.
(function(){var d=document.documentElement,p=new URLSearchParams(location.search);if(!["q","kategori","kabupaten","izin","halal","stok","urut","halaman"].some(function(k){return p.get(k)}))return;d.classList.add("bp-finding");document.addEventListener("DOMContentLoaded",function(){d.classList.remove("bp-finding")})})();
